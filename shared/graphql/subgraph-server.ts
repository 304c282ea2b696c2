import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type DocumentNode } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Config, SubgraphName } from '../config.js';
import type { Logger } from '../logger.js';
import { unauthenticated } from '../errors.js';
import type { Principal } from '../auth/principal.js';
import { IDENTITY_HEADER, type SubgraphOperation } from '../auth/subgraph-identity.js';
import { createIdentityVerifier } from '../auth/identity-cache.js';
import { logOperationErrors, maskUnexpectedErrors } from './errors.js';
import { enforceAuthorization, undeclared, type AuthorizationPolicy } from './authorization/index.js';
import { listen, localUrl } from './listen.js';
import { readSubgraphSdl } from './sdl.js';
import { DateTime, codeDateTimeInput } from './date-time.js';
import { databaseAnswers, healthzHandler, livezHandler, readinessOf } from '../observability/health.js';
import type { ReadinessCheck } from '../observability/metrics-server.js';
import { notePrincipal, observeOperations, observeRequests } from '../observability/tracing-http.js';
import { inProcessFetcher, type SubgraphFetcher } from './in-process.js';

/** The operation of a POST body, which the gateway's identity header is bound to. */
function operationOf(body: unknown): SubgraphOperation | null {
  if (typeof body !== 'object' || body === null || !('query' in body) || typeof body.query !== 'string') return null;
  return { query: body.query, variables: 'variables' in body ? body.variables : undefined };
}

/** What every resolver of a subgraph receives: who is asking, and this request's loaders. */
export interface SubgraphContext<L> {
  principal: Principal;
  loaders: L;
}

type SchemaModule = Exclude<Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number], DocumentNode>;
/**
 * The resolver map `buildSubgraphSchema` takes. Each context types its own with the `Resolvers`
 * generated from its SDL (`npm run codegen`: subgraphs/<context>/generated/resolvers.ts), whose
 * context is its SubgraphContext.
 */
export type SubgraphResolverMap = NonNullable<SchemaModule['resolvers']>;

/** What each context's `start<Ctx>Subgraph` takes. */
export interface SubgraphOptions {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
  port: number;
  /**
   * For benchmarks only (`npm run bench:gateway` measures with and without), never from the
   * environment: false serves the SDL without its access directives enforced. The row scoping of
   * each context's loaders still applies; what goes is the schema-level check. Default true.
   */
  enforceAuthorization?: boolean;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>/graphql` */
  url: string;
  /** What its GET /healthz says; the process's metrics port says the same. */
  readiness?: ReadinessCheck;
  /** A subgraph's server only: its requests answered in this process, without HTTP (in-process.ts). */
  inProcess?: SubgraphFetcher;
  close(): Promise<void>;
}

export interface SubgraphDefinition<L> {
  name: SubgraphName;
  /** The SDL file, e.g. `new URL('./schema.graphql', import.meta.url)`; the shared SDL (sdl.ts) is prepended. */
  schemaFile: URL;
  /** The DateTime scalar is added to them. */
  resolvers: SubgraphResolverMap;
  /** Fresh loaders for one request: caches never outlive it nor cross callers. */
  createLoaders(principal: Principal): L;
  /** What the SDL's access directives are checked against (see shared/graphql/authorization). */
  authorization: AuthorizationPolicy<SubgraphContext<L>>;
}

export const SUBGRAPH_PATH = '/graphql';

/**
 * The one way a subgraph is served: its SDL and resolvers as a federation subgraph schema, its
 * access directives enforced on every field and entity reference, on Apollo Server over express,
 * answering only requests that carry the gateway's signed identity. Without it every operation is
 * refused, `_service` and `_entities` included.
 */
export async function startSubgraphServer<L>(definition: SubgraphDefinition<L>, options: SubgraphOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const typeDefs = parse(await readSubgraphSdl(definition.schemaFile));
  const subgraphSchema = buildSubgraphSchema([{ typeDefs, resolvers: { DateTime, ...definition.resolvers } }]);
  for (const { type, field, problem } of undeclared(subgraphSchema)) {
    logger.warn({ coordinate: field ? `${type}.${field}` : type }, `access rule missing: ${problem}`);
  }
  const maskUnexpected = maskUnexpectedErrors(logger);
  const verifyIdentity = createIdentityVerifier(config.auth.subgraphSecret, definition.name);
  // Idle connections from the gateway stay open a minute (Node's default is 5 s): the gateway's
  // fetch retires a socket shortly before the server's announced timeout, and on a busy event loop a
  // 5 s window was short enough that a fetch sometimes went out on a socket the server was closing
  // (ECONNRESET, seen by the soak). headersTimeout must stay above keepAliveTimeout.
  const httpServer = http.createServer();
  httpServer.keepAliveTimeout = 60_000;
  httpServer.headersTimeout = 65_000;
  const server = new ApolloServer<SubgraphContext<L>>({
    // The process owns its signals and closes every server in order (system/start-system.ts, system/processes/).
    stopOnTerminationSignals: false,
    schema: options.enforceAuthorization === false
      ? subgraphSchema
      : enforceAuthorization(subgraphSchema, definition.authorization, `subgraphs/${definition.name}/schema.graphql`),
    logger,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => maskUnexpected(codeDateTimeInput(formatted, error), error),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      logOperationErrors(logger),
      observeOperations(),
    ],
  });
  await server.start();

  // Over HTTP and in process alike: no request without the gateway's valid signed identity.
  const contextOf = async (header: (name: string) => string | undefined, body: unknown): Promise<SubgraphContext<L>> => {
    let principal: Principal;
    try {
      principal = await verifyIdentity(header(IDENTITY_HEADER), operationOf(body));
    } catch (error) {
      logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'refused a request without a valid gateway identity');
      throw unauthenticated(`The ${definition.name} subgraph answers only the gateway: call the gateway instead.`);
    }
    notePrincipal(principal);
    return { principal, loaders: definition.createLoaders(principal) };
  };

  const app = express();
  app.disable('x-powered-by');
  const readiness = readinessOf({ database: databaseAnswers(options.dataSource) });
  app.get('/healthz', healthzHandler(readiness));
  app.get('/livez', livezHandler);
  // The gateway's X-Request-Id and traceparent: this subgraph's log lines and spans join the gateway's request.
  app.use(observeRequests());
  app.use(
    SUBGRAPH_PATH,
    express.json({ limit: '1mb' }),
    expressMiddleware(server, { context: ({ req }) => contextOf((name) => req.get(name), req.body) }),
  );
  httpServer.on('request', app);

  try {
    const port = await listen(httpServer, config.host, options.port);
    const url = localUrl(config.host, port, SUBGRAPH_PATH);
    logger.info({ url }, `${definition.name} subgraph listening`);
    return { url, readiness, inProcess: inProcessFetcher(server, contextOf), close: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
