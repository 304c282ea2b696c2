import type { Config, SubgraphName } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { openDatabase, type Database } from '../shared/db/data-source.js';
import { startOutboxDispatcher } from '../shared/events/dispatcher.js';
import { startEmbeddedDatabase } from '../shared/db/embedded.js';
import { ensureDemoAccounts } from '../shared/auth/demo-accounts.js';
import { DATABASE, MODULES } from './modules.js';
import { RULES_CONSUMER, findPartyByEmail } from '../subgraphs/matters/module.js';
import { graphReadiness, untilReady } from '../gateway/readiness.js';
import { startMattersSubgraph } from '../subgraphs/matters/server.js';
import { startDocumentsSubgraph } from '../subgraphs/documents/server.js';
import { startBillingSubgraph } from '../subgraphs/billing/server.js';
import { startNotificationsSubgraph } from '../subgraphs/notifications/server.js';
import { startAuditSubgraph } from '../subgraphs/audit/server.js';
import { startIngestSubgraph } from '../subgraphs/ingest/server.js';
import { startIntakeSubgraph } from '../subgraphs/intake/module.js';
import { startGateway } from '../gateway/server.js';
import { startWorker, type Worker } from '../worker/worker.js';
import { startSimulators, type RunningSimulators } from '../legacy/start.js';
import { generateFirm } from '../legacy/firm/generate.js';
import type { SimulatorConfig } from '../legacy/config.js';
import { createChatRouter } from '../chatbot/server.js';
import { loadChatbotConfig, type ChatbotConfig } from '../chatbot/config.js';
import { startMetricsServer } from '../shared/observability/metrics-server.js';

export interface System {
  gatewayUrl: string;
  databaseUrl: string;
  database: Database;
  embeddedDatabase: boolean;
  simulators: RunningSimulators | undefined;
  subgraphUrls: Record<SubgraphName, string>;
  /** The process's one metrics server (`<url>/metrics`, `/livez`, `/healthz`); undefined when METRICS=off. */
  metricsUrl: string | undefined;
  /** Resolves when /healthz turns ready: the first import done, its history decided by the rules, the demo logins (when on) made. */
  firstImport: Promise<void>;
  /** Resolves when the first import is stored and the demo logins made, before the rules have decided its history (benches time each). */
  imported: Promise<void>;
  /** Runs one sync of every legacy system now. */
  syncNow(): Promise<void>;
  /** The in-process worker (webhook registration and delivery processing, for tests and benches). */
  worker: Worker;
  close(): Promise<void>;
}

/**
 * The whole of casebridge in one process: the embedded database and the simulators unless the
 * config points at real ones, the subgraphs, the worker and the gateway. `npm start` and the
 * end-to-end tests both run this.
 */
export async function startSystem(
  config: Config,
  simulatorConfig: SimulatorConfig,
  logger: Logger,
  chatbotConfig: ChatbotConfig = loadChatbotConfig(),
): Promise<System> {
  const closers: Array<() => Promise<void>> = [];
  const closing = new AbortController();
  const close = async () => {
    closing.abort(new Error('the system was closed before it was ready'));
    for (const closeOne of closers.reverse()) await closeOne().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
  };
  try {
    const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase({ dataDir: config.dataDir || undefined });
    if (embedded) closers.push(() => embedded.close());
    const databaseUrl = config.databaseUrl ?? embedded!.url;

    const simulators = config.legacy.cms.url ? undefined : await startSimulators({
      firm: generateFirm({ seed: simulatorConfig.seed, size: simulatorConfig.size }),
      token: simulatorConfig.token,
      rateLimitPerMinute: simulatorConfig.rateLimitPerMinute,
      host: simulatorConfig.host,
      ports: simulatorConfig.ports,
      faults: simulatorConfig.faults,
      cms: simulatorConfig.cms,
      oauth: simulatorConfig.oauth,
      logger: logger.child({ component: 'legacy' }),
    });
    if (simulators) closers.push(() => simulators.close());
    const legacyUrls = {
      cms: config.legacy.cms.url ?? simulators!.cms.url,
      dms: config.legacy.dms.url ?? simulators!.dms.url,
      billing: config.legacy.billing.url ?? simulators!.billing.url,
    };

    const database = await openDatabase(databaseUrl, DATABASE);
    closers.push(() => database.close());
    // One LISTEN connection (polling on PGlite) wakes every outbox consumer of this process: the gateway's live hub and the worker's.
    const dispatcher = startOutboxDispatcher({ databaseUrl, embedded: Boolean(embedded), logger });
    closers.push(() => dispatcher.close());
    const { dataSource } = database;

    const subgraphLogger = (name: SubgraphName) => logger.child({ component: `subgraph:${name}` });
    const [matters, documents, billing, notifications, audit, ingest, intake] = await Promise.all([
      startMattersSubgraph({ config, dataSource, logger: subgraphLogger('matters'), port: config.ports.matters, cms: { url: legacyUrls.cms, token: config.legacy.cms.token } }),
      startDocumentsSubgraph({ config, dataSource, logger: subgraphLogger('documents'), port: config.ports.documents }),
      startBillingSubgraph({ config, dataSource, logger: subgraphLogger('billing'), port: config.ports.billing }),
      startNotificationsSubgraph({ config, dataSource, logger: subgraphLogger('notifications'), port: config.ports.notifications }),
      startAuditSubgraph({ config, dataSource, logger: subgraphLogger('audit'), port: config.ports.audit }),
      startIngestSubgraph({ config, dataSource, logger: subgraphLogger('ingest'), port: config.ports.ingest }),
      startIntakeSubgraph({ config, dataSource, logger: subgraphLogger('intake'), port: config.ports.intake }),
    ]);
    for (const server of [matters, documents, billing, notifications, audit, ingest, intake]) closers.push(() => server.close());
    const subgraphUrls = { matters: matters.url, documents: documents.url, billing: billing.url, notifications: notifications.url, audit: audit.url, ingest: ingest.url, intake: intake.url };
    const inProcessSubgraphs = config.subgraphsInProcess
      ? { matters: matters.inProcess, documents: documents.inProcess, billing: billing.inProcess, notifications: notifications.inProcess, audit: audit.inProcess, ingest: ingest.inProcess, intake: intake.inProcess }
      : {};

    const isReady = graphReadiness(dataSource, { demoAccounts: config.demoAccounts, historyConsumer: RULES_CONSUMER, findParty: findPartyByEmail });
    // The chatbot is a client of the graph even here: it calls this gateway over loopback HTTP.
    let gatewayUrl = '';
    const chat = await createChatRouter({ gatewayUrl: () => gatewayUrl, config: chatbotConfig, logger: logger.child({ component: 'chatbot' }) });
    const gateway = await startGateway({
      dmsUrl: legacyUrls.dms,
      dispatcher,
      config,
      dataSource,
      logger: logger.child({ component: 'gateway' }),
      embeddedDatabase: Boolean(embedded),
      port: config.ports.gateway,
      subgraphUrls,
      inProcessSubgraphs,
      isReady,
      routes: [chat.router],
    });
    gatewayUrl = gateway.url;
    closers.push(() => gateway.close());
    // Closers run last first: the chat's answered turns are stored while the gateway still listens.
    closers.push(() => chat.drain());
    // One process, one registry, one metrics server: on the gateway's metrics port (9464 by default).
    const metrics = await startMetricsServer({ config: config.metrics, process: 'gateway', logger, readiness: gateway.readiness });
    closers.push(() => metrics.close());

    const worker = await startWorker({
      dispatcher,
      modules: MODULES,
      config,
      databaseUrl,
      embedded: Boolean(embedded),
      legacyUrls,
      logger: logger.child({ component: 'worker' }),
      progressBars: process.stderr.isTTY === true && config.env !== 'test',
      // The gateway is already listening, so its handshake answers as soon as the CMS calls.
      webhookBaseUrl: config.webhooks.baseUrl ?? new URL(gateway.url).origin,
      // The demo logins link to CMS people by email: made once the first import has them, as system/processes/worker.ts does.
      afterFirstImport: config.demoAccounts ? (db) => ensureDemoAccounts(db, logger.child({ component: 'demo' }), findPartyByEmail) : undefined,
    });
    closers.push(() => worker.close());

    // syncNow resolves after the worker's after-first-import step (the demo logins) has run; the rules then decide the history.
    const imported = worker.syncNow();
    const firstImport = imported.then(() => untilReady(isReady, closing.signal));
    // Surface a failed first import in the log; the worker keeps retrying on its schedule.
    firstImport.catch((error: unknown) => {
      if (!closing.signal.aborted) logger.error({ err: error }, 'first import failed; the worker will retry');
    });

    return {
      gatewayUrl: gateway.url,
      databaseUrl,
      database,
      embeddedDatabase: Boolean(embedded),
      simulators,
      subgraphUrls,
      metricsUrl: metrics.url,
      firstImport,
      imported,
      syncNow: () => worker.syncNow(),
      worker,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
