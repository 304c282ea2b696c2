import type http from 'node:http';
import { readFile } from 'node:fs/promises';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import type { Config, SubgraphName } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import type { Principal } from '../shared/auth/principal.js';
import { IDENTITY_HEADER } from '../shared/auth/subgraph-identity.js';
import { createIdentitySigner, rememberVerifiedTokens } from '../shared/auth/identity-cache.js';
import type { Request } from 'express';
import type { GraphQLSchema } from 'graphql';
import { InvalidTokenError, createTokenVerifier, type TokenVerifier } from '../shared/auth/tokens.js';
import { unauthenticated } from '../shared/errors.js';
import { logOperationErrors } from '../shared/graphql/errors.js';
import { SUBGRAPH_NAMES, SUPERGRAPH_FILE } from './compose.js';
import { formatGatewayError, stripResponseExtensions } from './errors.js';
import { SubgraphDataSource } from './subgraph-source.js';
import type { SubgraphFetcher } from '../shared/graphql/in-process.js';
import { introspectionPolicy } from './introspection.js';
import { operationLimitRules, operationsOf } from './operation-limits.js';
import type { RateLimiter } from './rate-limit.js';
import type { AccountStatus } from './account-status.js';
import { forwardRequestScope, notePrincipal, observeOperations } from '../shared/observability/tracing-http.js';

/** Who is asking, as verified from the bearer token: signed for each subgraph fetch (subgraph-identity.ts). */
export interface GatewayContext {
  principal: Principal;
  /**
   * Set when the gateway resolves a live subscription's event for its subscriber: the subscription
   * was audit-logged when it started, its events are not requests of their own.
   */
  live?: boolean;
}

const isSubgraphName = (name: string): name is SubgraphName => (SUBGRAPH_NAMES as readonly string[]).includes(name);

/** The principal behind `Authorization: Bearer <token>`, or UNAUTHENTICATED (HTTP 401). */
export async function authenticate(authorization: string | undefined, verify: TokenVerifier): Promise<Principal> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!token) throw unauthenticated();
  try {
    return await verify(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated('Your token is invalid or has expired: sign in again with POST /auth/login.');
    throw error;
  }
}

export interface GatewayServer {
  server: ApolloServer<GatewayContext>;
  /** The API schema clients see, once the supergraph is loaded (subscriptions validate against it). */
  apiSchema(): GraphQLSchema | undefined;
  verify: TokenVerifier;
  /** True once the supergraph is loaded and the query planner can serve it. */
  isSupergraphLoaded(): boolean;
  /**
   * The context of one HTTP request: the caller verified from the bearer token, their account not
   * disabled (UNAUTHENTICATED, 401), within their role's rate (RATE_LIMITED, 429).
   */
  createContext(req: Request): Promise<GatewayContext>;
}

/**
 * Apollo Gateway over the static supergraph file. Each subgraph is reached at the URL the caller
 * passed, else the config's, else the supergraph's; every subgraph request carries the caller's
 * identity signed with the secret only the gateway and the subgraphs hold.
 */
export async function createGatewayServer(options: {
  config: Config;
  logger: Logger;
  httpServer: http.Server;
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** Subgraphs answered in this process: their fetches skip HTTP (shared/graphql/in-process.ts). */
  inProcessSubgraphs?: Partial<Record<SubgraphName, SubgraphFetcher>>;
  /** More plugins, e.g. the audit log's. */
  plugins?: ApolloServerPlugin<GatewayContext>[];
  rateLimiter: RateLimiter;
  /** Tokens of disabled accounts are refused (UNAUTHENTICATED) even before they expire. */
  accounts: AccountStatus;
}): Promise<GatewayServer> {
  const { config, logger } = options;
  const verify = rememberVerifiedTokens(createTokenVerifier(config));
  const signIdentity = createIdentitySigner(config.auth.subgraphSecret);
  const gateway = new ApolloGateway({
    supergraphSdl: await readFile(SUPERGRAPH_FILE, 'utf8'),
    logger,
    buildService({ name, url }) {
      const override = isSubgraphName(name) ? options.subgraphUrls[name] ?? config.subgraphUrls[name] : undefined;
      const inProcess = isSubgraphName(name) ? options.inProcessSubgraphs?.[name] : undefined;
      return new SubgraphDataSource(name, {
        url: override ?? url,
        ...(inProcess ? { fetcher: inProcess } : {}),
        // Signed per fetch, for this subgraph and this operation: a captured header opens nothing else.
        async willSendRequest({ request, context }) {
          const headers = request.http?.headers;
          if (headers) forwardRequestScope((header, value) => headers.set(header, value));
          if (!('principal' in context) || !isSubgraphName(name) || request.query === undefined) return;
          const operation = { query: request.query, variables: request.variables };
          request.http?.headers.set(IDENTITY_HEADER, await signIdentity(context.principal, name, operation));
        },
      });
    },
  });
  let loaded = false;
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate((update) => {
    loaded = true;
    apiSchema = update.apiSchema;
  });
  const server = new ApolloServer<GatewayContext>({
    // The process owns its signals and closes every server in order (system/main.ts, */main.ts).
    stopOnTerminationSignals: false,
    gateway,
    logger,
    includeStacktraceInErrorResponses: false,
    formatError: formatGatewayError(logger),
    // Apollo's CSRF prevention: a "simple" request (no JSON content type, no preflight header) is refused.
    csrfPrevention: true,
    allowBatchedHttpRequests: config.operationLimits.maxBatchSize > 1,
    introspection: config.introspection !== 'off',
    // No "Did you mean …?" field suggestions where the schema is not public.
    hideSchemaDetailsFromClientErrors: config.env === 'production' && config.introspection !== 'on',
    validationRules: operationLimitRules(config.operationLimits),
    plugins: [
      stripResponseExtensions(),
      introspectionPolicy(config),
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      // GraphiQL is served from local assets by graphiql.ts instead of Apollo's CDN-hosted page.
      ApolloServerPluginLandingPageDisabled(),
      logOperationErrors(logger),
      observeOperations(),
      ...(options.plugins ?? []),
    ],
  });
  await server.start();
  return {
    server,
    isSupergraphLoaded: () => loaded,
    apiSchema: () => apiSchema,
    verify,
    async createContext(req) {
      const principal = await authenticate(req.get('authorization'), verify);
      notePrincipal(principal);
      await options.accounts.assertEnabled(principal);
      await options.rateLimiter.checkPrincipal(principal, req.method === 'POST' ? operationsOf(req.body).length : 1);
      return { principal };
    },
  };
}
