import type { Job } from 'agenda';
import type { DataSource } from 'typeorm';
import type { Config } from '../shared/config.js';
import { openDatabase, type Database } from '../shared/db/data-source.js';
import type { LegacySystemName, RetryPolicy } from '../shared/legacy-http/index.js';
import type { Logger } from '../shared/logger.js';
import { startOutboxDispatcher, type OutboxDispatcher } from '../shared/events/index.js';
import { SHARED_CATALOG } from '../shared/db/catalog.js';
import { databaseCatalog, type WorkerPart } from '../shared/module.js';
import {
  type SyncContext, MAPPINGS_CHANNEL, hasReprocessable, reprocessQuarantine, recordCircuitStates, ensureWebhookSubscriptions,
  processWebhookDeliveries, pruneWebhookDeliveries, type Module,
} from '../subgraphs/ingest/index.js';
import { LEGACY_SYSTEMS, createLegacyClients, systemSyncs, type LegacyClients } from './legacy-syncs.js';
import { SerialQueue } from './serial.js';
import { legacyConnections } from './connection.js';
import { createAgenda } from './agenda.js';
import { DRAIN_TIMEOUT_MS } from '../shared/shutdown.js';
import { OUTBOX_BACKLOG, observeDatabase } from '../shared/observability/metrics-database.js';
import { importProgressDisplay } from '../shared/observability/progress-display.js';

export interface WorkerOptions {
  /** Every context's module (system/modules.ts): the worker assembles their syncs, consumers and jobs. */
  modules: readonly Module[];
  /** The process's outbox dispatcher when the worker shares its process (npm start); else it runs its own. */
  dispatcher?: OutboxDispatcher;
  config: Config;
  databaseUrl: string;
  legacyUrls: Record<LegacySystemName, string>;
  logger: Logger;
  /** The database is the embedded PGlite: NOTIFY does not cross its connections, so Agenda only polls. */
  embedded?: boolean;
  /** Overrides of the legacy HTTP retry policy (tests make it quick). */
  retry?: Partial<RetryPolicy>;
  /** How often Agenda looks for due jobs, in ms (default 1000). */
  processEveryMs?: number;
  /**
   * How long a sync job's lock outlives a crashed worker (default 20 s); a running sync renews it
   * every third of that. Agenda leaves a timer of half this pending after each job run (it delays a
   * process's exit by as much), so keep it short.
   */
  lockLifetimeMs?: number;
  /** Runs once, after every legacy system has synced successfully for the first time (by job or `syncNow`). */
  afterFirstImport?: (dataSource: DataSource) => Promise<void>;
  /**
   * Where the legacy systems reach the gateway's /webhooks/:system (default WEBHOOK_BASE_URL, else
   * PUBLIC_URL). Webhooks are off when WEBHOOKS=false.
   */
  webhookBaseUrl?: string;
  /** How often stored webhook deliveries are looked for besides LISTEN (default 5 s; 500 ms on PGlite). */
  deliveryPollMs?: number;
  /** Show the first import's progress as bars (a terminal) rather than log lines (default false). */
  progressBars?: boolean;
}

export interface Worker {
  /** Runs one sync of every legacy system now, each system after any sync of it already running; rejects if any failed. */
  syncNow(): Promise<void>;
  /** The legacy clients, whose `http.stats` count the requests made. */
  clients: LegacyClients;
  /** The worker's own connection to the read model. */
  dataSource: DataSource;
  /** Registers or renews the webhook subscriptions now (also done on start and on a schedule). */
  ensureWebhooks(): Promise<void>;
  /** Resolves when the start-up registration finished (or failed: it is retried on schedule). */
  webhooksReady: Promise<void>;
  /** Processes the stored webhook deliveries now; returns how many. */
  processDeliveries(): Promise<number>;
  /** Runs one context's worker jobs once now (its module's `runNow`), e.g. intake's SLA check and push. */
  runJobsNow(moduleName: string): Promise<void>;
  close(): Promise<void>;
}

export const syncJobName = (system: LegacySystemName) => `sync:${system}`;
export const WEBHOOK_RENEW_JOB = 'webhooks:renew';
export const WEBHOOK_CHANNEL = 'casebridge_webhooks';
/** Re-runs quarantined records whose values now have a mapping through their context's write path. */
export const REPROCESS_JOB = 'quarantine:reprocess';
const REPROCESS_EVERY = '10 seconds';

/** Short, so a crashed worker's jobs are free again soon; a running sync renews its lock every third of it. */
const LOCK_LIFETIME_MS = 20_000;

/**
 * The worker: one Agenda job per legacy system (`sync:cms`, `sync:dms`, `sync:billing`), every
 * SYNC_INTERVAL_SECONDS and once at start, each a thin call of the owning context's sync; webhook
 * registration and processing; and each module's outbox consumers and jobs (the rules, the
 * notifications), all woken by one outbox dispatcher (one LISTEN connection). Agenda
 * keeps a job to one runner across processes; a per-system queue keeps `syncNow()` and the job
 * from interleaving within this one.
 */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { config, logger, modules } = options;
  const embedded = options.embedded ?? false;
  const systems = modules.flatMap((m) => (m.legacy ? [m.legacy] : []));
  // Per system, the webhook models its modules take deliveries for (only systems that have any).
  const webhookModels = Object.fromEntries(systems.flatMap((l) => (l.webhookModels ? [[l.system, l.webhookModels] as const] : [])));
  const reprocessors = systems.flatMap((l) => l.reprocessors ?? []);
  const database: Database = await openDatabase(options.databaseUrl, databaseCatalog(SHARED_CATALOG, modules), { poolSize: 5 });
  // In one process with the gateway (npm start) the dispatcher is shared; on its own the worker runs one.
  const dispatcher = options.dispatcher ?? startOutboxDispatcher({ databaseUrl: options.databaseUrl, embedded, logger });
  const closeOwnDispatcher = () => (options.dispatcher ? Promise.resolve() : dispatcher.close());
  const stopping = new AbortController();
  const connections = legacyConnections(config, database.dataSource, logger);
  const clients = createLegacyClients({ config, legacyUrls: options.legacyUrls, logger, signal: stopping.signal, retry: options.retry, systems, tokens: connections.tokens });
  const syncs = systemSyncs(clients);
  const queue = new SerialQueue();
  const apiVersions = { cms: config.legacy.clioApiVersion, billing: config.legacy.clioApiVersion };
  const progress = importProgressDisplay({ logger: logger.child({ component: 'import' }), terminal: options.progressBars ?? false });
  const ctx: SyncContext = { dataSource: database.dataSource, logger, reconcileSeconds: config.sync.reconcileSeconds, apiVersions, onProgress: progress.listener };
  await recordCircuitStates(database.dataSource, LEGACY_SYSTEMS.map((system) => clients[system].http), logger);

  const webhookBaseUrl = options.webhookBaseUrl ?? config.webhooks.baseUrl ?? config.publicUrl;
  const webhookLogger = logger.child({ component: 'webhooks' });
  const ensureWebhooks = () =>
    queue.run('webhooks', async () => {
      for (const legacy of systems) {
        if (!legacy.webhookModels) continue;
        await ensureWebhookSubscriptions({
          dataSource: database.dataSource, http: clients[legacy.system].http, baseUrl: webhookBaseUrl, models: legacy.webhookModels,
          lifetimeDays: config.webhooks.lifetimeDays, logger: webhookLogger,
        });
      }
    });
  const webhookClients = Object.fromEntries(Object.keys(webhookModels).map((system) => [system, clients[system as LegacySystemName].http]));
  const processDeliveries = () => processWebhookDeliveries({ dataSource: database.dataSource, models: webhookModels, http: webhookClients, apiVersions, logger: webhookLogger });

  const synced = new Set<LegacySystemName>();
  let afterFirstImport = options.afterFirstImport;
  const syncSystem = (system: LegacySystemName) =>
    queue.run(system, async () => {
      if (await connections.waiting(system)) {
        logger.info({ system }, 'not syncing: the legacy connection is not connected (an admin connects at /connect/clio)');
        return;
      }
      const started = Date.now();
      const outcomes = await syncs[system](ctx);
      logger.info({ system, ms: Date.now() - started, stored: outcomes.reduce((n, o) => n + o.stored, 0), deleted: outcomes.reduce((n, o) => n + o.deleted, 0) }, 'legacy system synced');
      synced.add(system);
      if (synced.size === LEGACY_SYSTEMS.length) progress.stop();
      if (afterFirstImport && synced.size === LEGACY_SYSTEMS.length) {
        const hook = afterFirstImport;
        afterFirstImport = undefined;
        await hook(database.dataSource).catch((error: unknown) => logger.error({ err: error }, 'after-first-import step failed'));
      }
    });

  const lockLifetime = options.lockLifetimeMs ?? LOCK_LIFETIME_MS;
  const agenda = createAgenda({ databaseUrl: options.databaseUrl, embedded, processEveryMs: options.processEveryMs ?? 1000, lockLifetimeMs: lockLifetime });
  agenda.on('error', (error) => logger.error({ err: error }, 'agenda error'));
  agenda.on('fail', (error: unknown, job: { attrs: { name: string } }) => logger.warn({ err: error, job: job.attrs.name }, 'job failed; it runs again at its next interval'));

  for (const system of LEGACY_SYSTEMS) {
    agenda.define(syncJobName(system), async (job: Job) => {
      const heartbeat = setInterval(() => void job.touch().catch(() => undefined), lockLifetime / 3);
      heartbeat.unref();
      try {
        await syncSystem(system);
      } finally {
        clearInterval(heartbeat);
      }
    }, { concurrency: 1, lockLimit: 1, lockLifetime });
  }

  const partsByModule = new Map<string, WorkerPart>(modules.flatMap((m) => (m.worker ? [[m.name, m.worker({
    agenda, dispatcher, dataSource: database.dataSource, databaseUrl: options.databaseUrl, embedded, config, logger, lockLifetimeMs: lockLifetime,
    legacyUrls: options.legacyUrls, legacyTokens: connections.tokens, signal: stopping.signal, retry: options.retry,
  })] as const] : [])));
  const parts = [...partsByModule.values()];
  const closeParts = async () => {
    for (const part of parts) await part.close?.();
  };
  if (config.webhooks.enabled) {
    agenda.define(WEBHOOK_RENEW_JOB, async () => {
      await pruneWebhookDeliveries(database.dataSource);
      await ensureWebhooks();
    }, { concurrency: 1, lockLimit: 1, lockLifetime });
  }
  agenda.define(REPROCESS_JOB, async () => {
    await reprocessQuarantine(database.dataSource, reprocessors, logger);
  }, { concurrency: 1, lockLimit: 1, lockLifetime });

  try {
    await agenda.start();
    await agenda.every(`${Math.max(1, config.sync.intervalSeconds)} seconds`, LEGACY_SYSTEMS.map(syncJobName));
    for (const part of parts) await part.start?.();
    if (config.webhooks.enabled) await agenda.every(`${Math.max(60, config.webhooks.renewCheckSeconds)} seconds`, WEBHOOK_RENEW_JOB);
    await agenda.every(REPROCESS_EVERY, REPROCESS_JOB);
  } catch (error) {
    await closeParts().catch(() => undefined);
    await closeOwnDispatcher();
    await agenda.stop().catch(() => undefined);
    await database.close();
    throw error;
  }

  // Deliveries are processed whether or not this worker registered them (another may have).
  const stopDeliveries = dispatcher.add({
    name: 'webhook deliveries', channel: WEBHOOK_CHANNEL, pollMs: options.deliveryPollMs ?? (embedded ? 500 : 5000), run: processDeliveries,
  });
  const webhooksReady = config.webhooks.enabled
    ? ensureWebhooks().catch((error: unknown) => webhookLogger.warn({ err: error }, 'webhook registration failed; polling covers it and registration is retried on schedule'))
    : Promise.resolve();
  // A new mapping (staff, through the graph) NOTIFYs: re-process at once rather than at the next period (the poll is only Agenda's).
  const stopMappingAdded = dispatcher.add({
    name: 'mapping added', channel: MAPPINGS_CHANNEL, pollMs: 3_600_000,
    run: async () => {
      if (await hasReprocessable(database.dataSource)) await agenda.now(REPROCESS_JOB);
    },
  });

  // The read model's gauges (outbox backlog, sync lag, quarantine, notifications) are read on scrape, from this worker's connection.
  const unobserve = observeDatabase(database.dataSource, [OUTBOX_BACKLOG, ...modules.flatMap((m) => m.metrics ?? [])], logger);

  let closed: Promise<void> | undefined;
  return {
    clients,
    dataSource: database.dataSource,
    ensureWebhooks,
    webhooksReady,
    processDeliveries,
    async runJobsNow(moduleName) {
      const part = partsByModule.get(moduleName);
      if (!part?.runNow) throw new Error(`No module named "${moduleName}" has worker jobs to run now.`);
      await part.runNow();
    },
    async syncNow() {
      const results = await Promise.allSettled(LEGACY_SYSTEMS.map(syncSystem));
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) throw new AggregateError(failures, failures.map((f) => (f instanceof Error ? f.message : String(f))).join('; '));
    },
    close() {
      closed ??= (async () => {
        stopping.abort(new Error('the worker is stopping'));
        unobserve();
        progress.stop();
        await stopDeliveries();
        await stopMappingAdded();
        const drained = await agenda.drain({ timeout: DRAIN_TIMEOUT_MS }).catch((error: unknown) => {
          logger.warn({ err: error }, 'agenda did not drain cleanly');
          return undefined;
        });
        if (drained?.timedOut) logger.warn({ running: drained.running }, 'sync jobs still running at shutdown; their locks expire');
        await closeParts();
        await queue.idle();
        await closeOwnDispatcher();
        connections.close();
        await database.close();
      })();
      return closed;
    },
  };
}
