import type http from 'node:http';
import { readFile } from 'node:fs/promises';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Config, SubgraphName } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import type { Principal } from '../shared/auth/principal.js';
import { IDENTITY_HEADER, signSubgraphIdentity } from '../shared/auth/subgraph-identity.js';
import { InvalidTokenError, verifyAccessToken } from '../shared/auth/tokens.js';
import { unauthenticated } from '../shared/errors.js';
import { logOperationErrors, maskUnexpectedErrors } from '../shared/graphql/errors.js';
import { SUBGRAPH_NAMES, SUPERGRAPH_FILE } from './compose.js';

/** Who is asking, as verified from the bearer token, and their identity signed for the subgraphs. */
export interface GatewayContext {
  principal: Principal;
  subgraphIdentity: string;
}

const isSubgraphName = (name: string): name is SubgraphName => (SUBGRAPH_NAMES as readonly string[]).includes(name);

/** The principal behind `Authorization: Bearer <token>`, or UNAUTHENTICATED (HTTP 401). */
export async function authenticate(authorization: string | undefined, auth: Config['auth']): Promise<Principal> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!token) throw unauthenticated();
  try {
    return await verifyAccessToken(token, auth);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated('Your token is invalid or has expired: sign in again with POST /auth/login.');
    throw error;
  }
}

export interface GatewayServer {
  server: ApolloServer<GatewayContext>;
  /** True once the supergraph is loaded and the query planner can serve it. */
  isSupergraphLoaded(): boolean;
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
}): Promise<GatewayServer> {
  const { config, logger } = options;
  const gateway = new ApolloGateway({
    supergraphSdl: await readFile(SUPERGRAPH_FILE, 'utf8'),
    logger,
    buildService({ name, url }) {
      const override = isSubgraphName(name) ? options.subgraphUrls[name] ?? config.subgraphUrls[name] : undefined;
      return new RemoteGraphQLDataSource<GatewayContext>({
        url: override ?? url,
        willSendRequest({ request, context }) {
          if ('subgraphIdentity' in context && typeof context.subgraphIdentity === 'string') {
            request.http?.headers.set(IDENTITY_HEADER, context.subgraphIdentity);
          }
        },
      });
    },
  });
  let loaded = false;
  gateway.onSchemaLoadOrUpdate(() => {
    loaded = true;
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    includeStacktraceInErrorResponses: false,
    formatError: maskUnexpectedErrors(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      // GraphiQL is served from local assets by graphiql.ts instead of Apollo's CDN-hosted page.
      ApolloServerPluginLandingPageDisabled(),
      logOperationErrors(logger),
    ],
  });
  await server.start();
  return { server, isSupergraphLoaded: () => loaded };
}

export async function createContext(authorization: string | undefined, config: Config): Promise<GatewayContext> {
  const principal = await authenticate(authorization, config.auth);
  return { principal, subgraphIdentity: await signSubgraphIdentity(principal, config.auth.subgraphSecret) };
}
