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
import { LiveEventHub } from './hub.js';
import { createSubscriberResolver } from './resolve.js';
import { LiveStream } from './stream.js';
import { fieldsOf, fragmentsOf } from './selection.js';
import { prepareMatterUpdated, prepareNotificationAdded, type PreparedSubscription } from './subscriptions.js';
import { getVariableValues } from 'graphql/execution/values.js';

/** Subscriptions one connection may hold at once. */
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 25;

type LiveExtra = {
  principal?: Principal;
  subscriptions?: number;
};

interface LiveContext {
  prepared: PreparedSubscription;
  socket: WebSocket;
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
  databaseUrl: string;
  embeddedDatabase: boolean;
  server: ApolloServer<GatewayContext>;
  apiSchema: () => GraphQLSchema | undefined;
  verify: TokenVerifier;
  rateLimiter: RateLimiter;
  audit: AuditLog;
}): Promise<LiveSubscriptions> {
  const { config, logger, audit } = options;
  const hub = await LiveEventHub.start({
    dataSource: options.dataSource, databaseUrl: options.databaseUrl, embedded: options.embeddedDatabase, pollMs: options.embeddedDatabase ? 250 : 2000, logger,
  });
  const resolverFor = createSubscriberResolver(options.server);
  const rules = [...specifiedRules, ...operationLimitRules(config.operationLimits)];
  const wss = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: Math.max(64_000, config.operationLimits.maxQueryBytes * 2) });

  async function prepare(principal: Principal, socket: WebSocket, query: string, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): Promise<{ args: ExecutionArgs } | { errors: GraphQLError[] }> {
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
    options.rateLimiter.checkPrincipal(principal, 1);
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
    const contextValue: LiveContext = { prepared, socket };
    return { args: { schema, document, operationName, variableValues: coerced.coerced, contextValue } };
  }

  const disposable = useServer<Record<string, unknown> | undefined, LiveExtra>(
    {
      async onConnect(ctx) {
        try {
          ctx.extra.principal = await authenticate(typeof ctx.connectionParams?.authorization === 'string' ? ctx.connectionParams.authorization : undefined, options.verify);
          ctx.extra.subscriptions = 0;
          return true;
        } catch {
          ctx.extra.socket.close(CloseCode.Unauthorized, 'Unauthorized: send {"authorization": "Bearer <token>"} as the connection_init payload.');
          return false;
        }
      },
      async onSubscribe(ctx, _id, payload) {
        const principal = ctx.extra.principal!;
        const startedAt = Date.now();
        let errors: readonly GraphQLError[] = [];
        try {
          if ((ctx.extra.subscriptions ?? 0) >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
            errors = [refusal(`At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection: complete one first.`, ErrorCode.BAD_USER_INPUT)];
            return errors;
          }
          const prepared = await prepare(principal, ctx.extra.socket, payload.query, payload.operationName, payload.variables);
          if ('errors' in prepared) {
            errors = prepared.errors;
            return errors;
          }
          ctx.extra.subscriptions = (ctx.extra.subscriptions ?? 0) + 1;
          return prepared.args;
        } catch (error) {
          errors = [error instanceof GraphQLError ? error : refusal('The subscription could not be started.', ErrorCode.INTERNAL_SERVER_ERROR)];
          if (!(error instanceof GraphQLError)) logger.error({ err: error }, 'subscribing failed');
          return errors;
        } finally {
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
        const { prepared, socket } = args.contextValue as LiveContext;
        return new LiveStream(hub, prepared, socket, logger);
      },
      onComplete(ctx) {
        ctx.extra.subscriptions = Math.max(0, (ctx.extra.subscriptions ?? 1) - 1);
      },
    },
    wss,
  );

  return {
    async close() {
      await disposable.dispose();
      await hub.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
