import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { expressMiddleware } from '@as-integrations/express5';
import type { DataSource } from 'typeorm';
import type { Config, SubgraphName } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { listen, localUrl } from '../shared/graphql/listen.js';
import type { RunningServer } from '../shared/graphql/subgraph-server.js';
import type { SubgraphFetcher } from '../shared/graphql/in-process.js';
import { createGatewayServer } from './graphql.js';
import { corsPolicy, markUnparsedBody, securityHeaders } from './http-security.js';
import { requestSizeLimits } from './operation-limits.js';
import { createRateLimiter } from './rate-limit.js';
import { SharedTokenBuckets } from '../shared/auth/shared-token-buckets.js';
import { TokenBuckets } from '../shared/token-buckets.js';
import { addressThrottle } from './address-throttle.js';
import { loginRouter } from './login.js';
import { signInLinkRouter } from './sign-in-link.js';
import { gatewayReadiness } from './health.js';
import { healthzHandler, livezHandler } from '../shared/observability/health.js';
import { graphiqlRouter } from './graphiql.js';
import { portalRouter } from './portal.js';
import { documentDownloadRouter } from './document-download.js';
import { AuditLog } from '../shared/audit/index.js';
import { devMailboxRouter } from '../shared/mail/index.js';
import { auditGraphQLRequests, auditPlugin, auditSignIns, auditedContext } from './audit/index.js';
import { invitationsRouter } from './invitations/index.js';
import { connectionsRouter, webhookReceiver } from '../subgraphs/ingest/index.js';
import { intakeRouter } from '../subgraphs/intake/module.js';
import { startLiveSubscriptions } from './live/server.js';
import { startOutboxDispatcher, type OutboxDispatcher } from '../shared/events/dispatcher.js';
import { announceReadModelChange } from '../shared/events/index.js';
import { coalescingAnnouncer, followReadModelChanges, responseCachePlugin, ResponseStore } from './response-cache/index.js';
import { warnOfUntrustedProxy } from './client-address.js';
import { clientAddress } from './live/address.js';
import { AccountStatus } from './account-status.js';
import { subscriptionsOverWebSocket, webSocketUrl } from './subscriptions-over-http.js';
import { observeRequests } from '../shared/observability/tracing-http.js';

export const GRAPHQL_PATH = '/graphql';

export interface GatewayOptions {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
  port: number;
  /** Where to reach each subgraph; overrides the config's and the supergraph's URLs. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  /** Subgraphs running in this process, called without HTTP (npm start; SUBGRAPHS_IN_PROCESS=off goes over HTTP). */
  inProcessSubgraphs?: Partial<Record<SubgraphName, SubgraphFetcher>>;
  /** Whether the first import is done; /healthz stays 503 until it is. */
  isReady?: () => Promise<boolean>;
  /** The database is the embedded PGlite: live subscriptions poll the outbox instead of LISTENing. */
  embeddedDatabase?: boolean;
  /** The process's outbox dispatcher, when the gateway shares its process (npm start); else it runs its own. */
  dispatcher?: OutboxDispatcher;
  /** The DMS's base URL for watermarked downloads; defaults to DMS_URL. */
  dmsUrl?: string;
  /** More routes served beside the graph (the chatbot's POST /chat in single-process mode). */
  routes?: readonly RequestHandler[];
}

/** The URL the data source was opened with: live subscriptions LISTEN on the same database. */
function databaseUrlOf(dataSource: DataSource): string {
  const { url } = dataSource.options as { url?: string };
  if (!url) throw new Error('The gateway needs a data source opened with a URL (openDatabase).');
  return url;
}

/** Malformed JSON and other request errors: a short JSON answer, never a stack trace. */
const jsonErrors = (logger: Logger): ErrorRequestHandler => (error: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const status = typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : 500;
  if (status >= 500) logger.error({ err: error }, 'request failed');
  const limit = typeof error === 'object' && error !== null && 'limit' in error && typeof error.limit === 'number' ? error.limit : undefined;
  const message = status >= 500 ? 'Internal server error'
    // The fuzzer sent a 1.5 MB GraphQL body and was told to "send a valid JSON body".
    : status === 413 ? `The request body is larger than this endpoint takes${limit ? ` (${limit.toLocaleString('en-US')} bytes)` : ''}: send less.`
    : 'Bad request: send a valid JSON body.';
  res.status(status).json({ error: message });
};

/**
 * The public endpoint: POST /auth/login, POST /graphql (Bearer token) through Apollo Gateway to
 * the subgraphs, graphql-ws subscriptions on the same path, GET /graphql in a browser for
 * GraphiQL, GET /healthz (ready) and GET /livez (alive). GET /metrics is never served here: it has
 * its own port (shared/observability/metrics-server.ts).
 */
export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  const { config, dataSource, logger } = options;
  const httpServer = http.createServer();
  const audit = new AuditLog(dataSource, logger);
  const rateLimiter = createRateLimiter(config.rateLimits, options.embeddedDatabase ? new TokenBuckets() : new SharedTokenBuckets(dataSource));
  const accounts = new AccountStatus(dataSource);
  const responses = new ResponseStore({ maxBytes: config.responseCache.maxBytes, maxAgeMs: config.responseCache.maxAgeSeconds * 1000 });
  const readModelChanges = followReadModelChanges({ store: responses, databaseUrl: databaseUrlOf(dataSource), embedded: options.embeddedDatabase ?? false, logger });
  const { server, isSupergraphLoaded, createContext, apiSchema, verify } = await createGatewayServer({
    config, logger, httpServer, subgraphUrls: options.subgraphUrls ?? {}, inProcessSubgraphs: options.inProcessSubgraphs ?? {}, rateLimiter, accounts,
    plugins: [
      auditPlugin(audit),
      responseCachePlugin({ store: responses, settings: config.responseCache, announce: coalescingAnnouncer((tags) => announceReadModelChange(dataSource, tags)) }),
      subscriptionsOverWebSocket((headers) => webSocketUrl(headers, GRAPHQL_PATH, config.publicUrl, config.trustProxy)),
    ],
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(observeRequests());
  app.use(warnOfUntrustedProxy(config, logger), securityHeaders(config), corsPolicy(config));
  const readiness = gatewayReadiness({ dataSource, isSupergraphLoaded, isReady: options.isReady ?? (async () => true) });
  app.get('/healthz', healthzHandler(readiness));
  app.get('/livez', livezHandler);
  app.post('/auth/login', auditSignIns(audit, dataSource, 'LOGIN'));
  app.use(loginRouter({ config, dataSource, logger }));
  app.use(signInLinkRouter({ config, dataSource, logger: logger.child({ component: 'sign-in-link' }) }));
  app.use(invitationsRouter({ config, dataSource, logger, audit }));
  app.use(webhookReceiver({
    dataSource, logger: logger.child({ component: 'webhooks' }), audit,
    maxAgeSeconds: config.webhooks.maxAgeSeconds, throttle: addressThrottle('webhooks', config.webhooks.requestsPerMinute, 'WEBHOOK_REQUESTS_PER_MINUTE'),
  }));
  // The intake context's public form endpoints: POST /intake, /intake/typeform, /intake/gravity-forms.
  app.use(intakeRouter({
    dataSource, logger: logger.child({ component: 'intake' }), typeformSecret: config.intake.typeformSecret, gravityFormsSecret: config.intake.gravityFormsSecret,
    throttle: addressThrottle('intake', config.intake.requestsPerMinute, 'INTAKE_REQUESTS_PER_MINUTE'), audit,
  }));
  app.use(devMailboxRouter(config));
  app.use(connectionsRouter({ config, dataSource, logger: logger.child({ component: 'connections' }), verify }));
  app.use(documentDownloadRouter({
    config, dataSource, logger, dmsUrl: options.dmsUrl ?? config.legacy.dms.url,
    graphUrl: () => localUrl(config.host, (httpServer.address() as AddressInfo).port, GRAPHQL_PATH),
  }));
  for (const route of options.routes ?? []) app.use(route);
  // GraphiQL is a static page: its schema explorer works for whoever may introspect (introspection.ts).
  if (config.introspection !== 'off') app.use(graphiqlRouter(GRAPHQL_PATH));
  app.use(
    GRAPHQL_PATH,
    auditGraphQLRequests(audit),
    // Before the body is read: a caller over their address's rate costs no parsing and an audit entry without variables.
    rateLimiter.beforeBody,
    express.json({ limit: '1mb' }),
    markUnparsedBody,
    rateLimiter.byAddress,
    requestSizeLimits(config.operationLimits),
    expressMiddleware(server, { context: auditedContext(({ req }) => createContext(req)) }),
  );
  app.use(portalRouter());
  app.use(jsonErrors(logger));
  httpServer.on('request', app);
  const dispatcher = options.dispatcher ?? startOutboxDispatcher({ databaseUrl: databaseUrlOf(dataSource), embedded: options.embeddedDatabase ?? false, logger });
  const closeOwnDispatcher = () => (options.dispatcher ? Promise.resolve() : dispatcher.close());
  const live = await startLiveSubscriptions({
    httpServer, path: GRAPHQL_PATH, config, logger: logger.child({ component: 'live' }), dataSource,
    dispatcher, embeddedDatabase: options.embeddedDatabase ?? false,
    server, apiSchema, verify, rateLimiter, audit, accounts,
    addressOf: (request) => clientAddress(request, (address, hop) => {
      const trust: unknown = app.get('trust proxy fn');
      return typeof trust === 'function' && trust(address, hop) === true;
    }),
  });

  try {
    const port = await listen(httpServer, config.host, options.port);
    const url = localUrl(config.host, port, GRAPHQL_PATH);
    logger.info({ url }, 'gateway listening');
    return {
      url,
      readiness,
      async close() {
        await live.close();
        await server.stop();
        await audit.flush();
        await closeOwnDispatcher();
        await readModelChanges.close();
      },
    };
  } catch (error) {
    await live.close();
    await server.stop();
    await closeOwnDispatcher();
    await readModelChanges.close();
    throw error;
  }
}
