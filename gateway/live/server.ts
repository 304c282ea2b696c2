import type http from 'node:http';
import { GraphQLError, getOperationAST, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApolloServer } from '@apollo/server';
import type { DataSource } from 'typeorm';
import type { Config } from '../../shared/config.js';
import type { Logger } from '../../shared/logger.js';
import type { Principal } from '../../shared/auth/principal.js';
import type { TokenVerifier } from '../../shared/auth/tokens.js';
import { outcomeOf, redactVariables, sha256Hex, type AuditLog } from '../../shared/audit/index.js';
import { ErrorCode } from '../../shared/errors.js';
import { GatewayErrorCode, type ClientErrorCode } from '../errors.js';
import { authenticate, type GatewayContext } from '../graphql.js';
import { operationLimitRules } from '../operation-limits.js';
import type { RateLimiter } from '../rate-limit.js';
import type { OutboxDispatcher } from '../../shared/events/dispatcher.js';
import { LiveEventHub } from './hub.js';
import { createSubscriberResolver } from './resolve.js';
import { LiveStream } from './stream.js';
import { fieldsOf, fragmentsOf } from './selection.js';
import { prepareMatterUpdated, prepareNotificationAdded, type PreparedSubscription } from './subscriptions.js';
import { getVariableValues } from 'graphql/execution/values.js';
import type { AccountStatus } from '../account-status.js';
import { ACCOUNT_DISABLED, ConnectionGuard, Slots, TOKEN_EXPIRED, TOO_MANY_CONNECTIONS, tokenExpiresAt } from './connections.js';
import { countedRelease, liveConnections, liveSubscriptions } from '../../shared/observability/metrics.js';

type LiveExtra = {
  principal?: Principal;
  /** The init payload's `Authorization`, checked again for every new subscription. */
  authorization?: string;
  expiresAt?: number | undefined;
  /** This connection's subscriptions, counted before anything is awaited. */
  subscriptions?: Slots;
};

interface LiveContext {
  prepared: PreparedSubscription;
  socket: WebSocket;
  /** Gives the subscription's place back when its stream ends. */
  release: () => void;
}

/** The token from the init payload: `authorization`, or `Authorization` as GraphiQL sends its headers. */
function authorizationOf(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.['authorization'] ?? params?.['Authorization'];
  return typeof value === 'string' ? value : undefined;
}

const refusal = (message: string, code: ClientErrorCode) => new GraphQLError(message, { extensions: { code } });
const codesOf = (errors: readonly GraphQLError[]) => errors.map((e) => (typeof e.extensions.code === 'string' ? e.extensions.code : GatewayErrorCode.GRAPHQL_VALIDATION_FAILED));

export interface LiveSubscriptions {
  close(): Promise<void>;
}

/**
 * graphql-ws on the gateway's /graphql path: the connection is authenticated from its init payload
 * ({"authorization": "Bearer <token>"}) like an HTTP request, each subscription is validated with
 * the HTTP path's limits, checked for access, audit-logged, and its events' payloads resolved
 * through the gateway as the subscriber. Queries and mutations belong to POST /graphql.
 */
export async function startLiveSubscriptions(options: {
  httpServer: http.Server;
  path: string;
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  /** The process's outbox dispatcher: the live hub is one more consumer of it. */
  dispatcher: OutboxDispatcher;
  embeddedDatabase: boolean;
  server: ApolloServer<GatewayContext>;
  apiSchema: () => GraphQLSchema | undefined;
  verify: TokenVerifier;
  rateLimiter: RateLimiter;
  audit: AuditLog;
  accounts: AccountStatus;
  /** The caller's address on an upgrade request (TRUST_PROXY applied), for LIVE_MAX_CONNECTIONS_PER_ADDRESS. */
  addressOf: (request: http.IncomingMessage) => string;
}): Promise<LiveSubscriptions> {
  const { config, logger, audit } = options;
  const hub = await LiveEventHub.start({
    dataSource: options.dataSource, dispatcher: options.dispatcher, pollMs: options.embeddedDatabase ? 250 : 2000, logger,
  });
  const resolverFor = createSubscriberResolver(options.server, config.live.payloadConcurrency);
  const limits = config.live;
  const perAccount = new Slots(limits.maxConnectionsPerAccount);
  const perAddress = new Slots(limits.maxConnectionsPerAddress);
  const guard = new ConnectionGuard(options.accounts, logger);
  const rules = [...specifiedRules, ...operationLimitRules(config.operationLimits)];
  const wss = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: Math.max(64_000, config.operationLimits.maxQueryBytes * 2) });

  /** Null while the connection's token and account still hold, else why not (the close reason). */
  async function stillValid(extra: LiveExtra): Promise<string | null> {
    if (extra.expiresAt !== undefined && extra.expiresAt <= Date.now()) return TOKEN_EXPIRED;
    try {
      await authenticate(extra.authorization, options.verify);
    } catch (error) {
      if (error instanceof GraphQLError) return TOKEN_EXPIRED;
      throw error;
    }
    return (await options.accounts.isDisabled(extra.principal!.accountId)) ? ACCOUNT_DISABLED : null;
  }

  async function prepare(principal: Principal, socket: WebSocket, release: () => void, query: string, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): Promise<{ args: ExecutionArgs } | { errors: GraphQLError[] }> {
    if (query.length > config.operationLimits.maxQueryBytes) {
      return { errors: [refusal(`The operation is longer than ${config.operationLimits.maxQueryBytes} bytes.`, GatewayErrorCode.OPERATION_TOO_COMPLEX)] };
    }
    const schema = options.apiSchema();
    if (!schema) return { errors: [refusal('The graph is still loading; subscribe again in a moment.', GatewayErrorCode.SERVICE_UNAVAILABLE)] };
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return { errors: [error instanceof GraphQLError ? error : refusal('The operation could not be parsed.', GatewayErrorCode.GRAPHQL_PARSE_FAILED)] };
    }
    const operation = getOperationAST(document, operationName);
    if (!operation) return { errors: [refusal('Name the operation to run (operationName) or send exactly one.', ErrorCode.BAD_USER_INPUT)] };
    if (operation.operation !== 'subscription') {
      return { errors: [refusal('This socket serves subscriptions only: send queries and mutations with POST /graphql.', ErrorCode.BAD_USER_INPUT)] };
    }
    const invalid = validate(schema, document, rules);
    if (invalid.length > 0) return { errors: [...invalid] };
    await options.rateLimiter.checkPrincipal(principal, 1);
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
    if (coerced.errors) return { errors: [...coerced.errors] };
    const field = fieldsOf(operation.selectionSet, fragmentsOf(document))[0]!;
    const live = { document, operation, variableValues: coerced.coerced, field };
    const resolve = resolverFor(principal);
    const prepared = field.name.value === 'matterUpdated'
      ? await prepareMatterUpdated(live, resolve)
      : field.name.value === 'notificationAdded'
        ? prepareNotificationAdded(live, principal, resolve)
        : refusal(`Unknown subscription ${field.name.value}.`, ErrorCode.BAD_USER_INPUT);
    if (prepared instanceof GraphQLError) return { errors: [prepared] };
    const contextValue: LiveContext = { prepared, socket, release };
    return { args: { schema, document, operationName, variableValues: coerced.coerced, contextValue } };
  }

  const disposable = useServer<Record<string, unknown> | undefined, LiveExtra>(
    {
      async onConnect(ctx) {
        const { socket } = ctx.extra;
        // Places are taken before each await and given back when the socket closes, so a burst of connections cannot pass a cap.
        const address = perAddress.take(options.addressOf(ctx.extra.request));
        if (!address) {
          socket.close(TOO_MANY_CONNECTIONS, `Too many live connections from your address (LIVE_MAX_CONNECTIONS_PER_ADDRESS is ${limits.maxConnectionsPerAddress}).`);
          return false;
        }
        socket.once('close', address);
        // A refused connection gives its place back at once, not when its socket has finished closing.
        const refuse = (code: number, reason: string) => {
          address();
          socket.close(code, reason);
          return false;
        };
        const authorization = authorizationOf(ctx.connectionParams);
        let principal: Principal;
        try {
          principal = await authenticate(authorization, options.verify);
        } catch {
          return refuse(CloseCode.Unauthorized, 'Unauthorized: send {"authorization": "Bearer <token>"} as the connection_init payload.');
        }
        if (await options.accounts.isDisabled(principal.accountId)) return refuse(CloseCode.Forbidden, ACCOUNT_DISABLED);
        if (socket.readyState !== socket.OPEN) {
          address();
          return false;
        }
        const account = perAccount.take(principal.accountId);
        if (!account) {
          return refuse(TOO_MANY_CONNECTIONS, `Too many live connections for this account (LIVE_MAX_CONNECTIONS_PER_ACCOUNT is ${limits.maxConnectionsPerAccount}).`);
        }
        socket.once('close', account);
        ctx.extra.principal = principal;
        ctx.extra.authorization = authorization;
        ctx.extra.expiresAt = tokenExpiresAt(authorization ?? '');
        ctx.extra.subscriptions = new Slots(limits.maxSubscriptionsPerConnection);
        guard.track(socket, principal.accountId, ctx.extra.expiresAt);
        liveConnections.inc();
        socket.once('close', () => liveConnections.dec());
        return true;
      },
      async onSubscribe(ctx, _id, payload) {
        const principal = ctx.extra.principal!;
        const startedAt = Date.now();
        let errors: readonly GraphQLError[] = [];
        const slot = ctx.extra.subscriptions!.take('');
        const release = slot && countedRelease(slot, liveSubscriptions);
        let started = false;
        try {
          if (!release) {
            errors = [refusal(`At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection (LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION): complete one first.`, ErrorCode.BAD_USER_INPUT)];
            return errors;
          }
          const refused = await stillValid(ctx.extra);
          if (refused) {
            ctx.extra.socket.close(CloseCode.Forbidden, refused);
            errors = [refusal(refused, ErrorCode.UNAUTHENTICATED)];
            return errors;
          }
          const prepared = await prepare(principal, ctx.extra.socket, release, payload.query, payload.operationName, payload.variables);
          if ('errors' in prepared) {
            errors = prepared.errors;
            return errors;
          }
          started = true;
          return prepared.args;
        } catch (error) {
          errors = [error instanceof GraphQLError ? error : refusal('The subscription could not be started.', ErrorCode.INTERNAL_SERVER_ERROR)];
          if (!(error instanceof GraphQLError)) logger.error({ err: error }, 'subscribing failed');
          return errors;
        } finally {
          if (!started) release?.();
          const codes = codesOf(errors);
          audit.record({
            at: new Date(startedAt), kind: 'GRAPHQL', accountId: principal.accountId, email: principal.email, role: principal.role, clientId: principal.clientId,
            operationName: payload.operationName ?? null, operationHash: sha256Hex(payload.query), variables: redactVariables(payload.variables ?? null),
            outcome: outcomeOf(codes), errorCodes: codes, durationMs: Date.now() - startedAt,
            address: ctx.extra.request.socket.remoteAddress ?? null, userAgent: ctx.extra.request.headers['user-agent'] ?? null,
          });
        }
      },
      subscribe(args) {
        const { prepared, socket, release } = args.contextValue as LiveContext;
        return new LiveStream(hub, prepared, socket, logger, release);
      },
    },
    wss,
  );

  return {
    async close() {
      guard.close();
      await disposable.dispose();
      await hub.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
