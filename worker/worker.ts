import type { Job } from 'agenda';
import type { DataSource } from 'typeorm';
import type { Config } from '../shared/config.js';
import { openDatabase, type Database } from '../shared/db/data-source.js';
import type { LegacySystemName, RetryPolicy } from '../shared/legacy-http/index.js';
import type { Logger } from '../shared/logger.js';
import type { SyncContext } from '../shared/sync/index.js';
import { LEGACY_SYSTEMS, QUARANTINE_REPROCESSORS, createLegacyClients, systemSyncs, type LegacyClients } from './legacy-syncs.js';
import { MAPPINGS_CHANNEL } from '../shared/sync/mappings.js';
import { hasReprocessable, reprocessQuarantine } from '../shared/sync/reprocess.js';
import { SerialQueue } from './serial.js';
import { createAgenda } from './agenda.js';
import { defineNotificationJobs } from './notifications.js';
import { startRulesConsumer } from '../subgraphs/matters/rules/consumer.js';
import { recordCircuitStates } from './legacy-state.js';
import { ensureWebhookSubscriptions } from './webhooks/subscriptions.js';
import { processWebhookDeliveries, pruneWebhookDeliveries } from './webhooks/deliveries.js';
import { wakeOnOutbox } from '../shared/events/wakeup.js';
import { CMS_WEBHOOK_MODELS } from '../subgraphs/matters/sync/webhook-models.js';
import { defineIntakeJobs, type IntakeJobs } from '../subgraphs/intake/module.js'; // intake: moves into its module at merge

export interface WorkerOptions {
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
  /** How often the rules consumer looks for new outbox events besides LISTEN, in ms (default 1000 embedded, 5000 otherwise). */
  rulesPollMs?: number;
  /** Runs once, after every legacy system has synced successfully for the first time (by job or `syncNow`). */
  afterFirstImport?: (dataSource: DataSource) => Promise<void>;
  /**
   * Where the legacy systems reach the gateway's /webhooks/:system (default WEBHOOK_BASE_URL, else
   * PUBLIC_URL). Webhooks are off when WEBHOOKS=false.
   */
  webhookBaseUrl?: string;
  /** How often stored webhook deliveries are looked for besides LISTEN (default 5 s; 500 ms on PGlite). */
  deliveryPollMs?: number;
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
  /** The intake's jobs: push leads and send replies now, check SLAs now. */
  intake: Pick<IntakeJobs, 'processNow' | 'watchNow'>;
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
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * The worker: one Agenda job per legacy system (`sync:cms`, `sync:dms`, `sync:billing`), every
 * SYNC_INTERVAL_SECONDS and once at start, each a thin call of the owning context's sync; and the
 * notifications' outbox consumer and delivery job (notifications.ts). Agenda
 * keeps a job to one runner across processes; a per-system queue keeps `syncNow()` and the job
 * from interleaving within this one.
 */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { config, logger } = options;
  const embedded = options.embedded ?? false;
  const database: Database = await openDatabase(options.databaseUrl, { poolSize: 5 });
  const stopping = new AbortController();
  const clients = createLegacyClients({ config, legacyUrls: options.legacyUrls, logger, signal: stopping.signal, retry: options.retry });
  const syncs = systemSyncs(clients);
  const queue = new SerialQueue();
  const apiVersions = { cms: config.legacy.clioApiVersion, billing: config.legacy.clioApiVersion };
  const ctx: SyncContext = { dataSource: database.dataSource, logger, reconcileSeconds: config.sync.reconcileSeconds, apiVersions };
  await recordCircuitStates(database.dataSource, [clients.cms.http, clients.dms.http, clients.billing.http], logger);

  const webhookBaseUrl = options.webhookBaseUrl ?? config.webhooks.baseUrl ?? config.publicUrl;
  const webhookLogger = logger.child({ component: 'webhooks' });
  const ensureWebhooks = () =>
    queue.run('webhooks', () => ensureWebhookSubscriptions({
      dataSource: database.dataSource, http: clients.cms.http, baseUrl: webhookBaseUrl, models: CMS_WEBHOOK_MODELS,
      lifetimeDays: config.webhooks.lifetimeDays, logger: webhookLogger,
    }));
  const processDeliveries = () => processWebhookDeliveries({ dataSource: database.dataSource, models: { cms: CMS_WEBHOOK_MODELS }, http: { cms: clients.cms.http }, apiVersions, logger: webhookLogger });

  const synced = new Set<LegacySystemName>();
  let afterFirstImport = options.afterFirstImport;
  const syncSystem = (system: LegacySystemName) =>
    queue.run(system, async () => {
      const started = Date.now();
      const outcomes = await syncs[system](ctx);
      logger.info({ system, ms: Date.now() - started, stored: outcomes.reduce((n, o) => n + o.stored, 0), deleted: outcomes.reduce((n, o) => n + o.deleted, 0) }, 'legacy system synced');
      synced.add(system);
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

  const notifications = defineNotificationJobs(agenda, { dataSource: database.dataSource, databaseUrl: options.databaseUrl, embedded, config, logger, lockLifetimeMs: lockLifetime });
  // intake: its jobs on the worker's Agenda, with a CMS client of its own (moves into its module at merge)
  const intake = defineIntakeJobs(agenda, {
    dataSource: database.dataSource, databaseUrl: options.databaseUrl, embedded, config, logger, lockLifetimeMs: lockLifetime,
    cms: {
      baseUrl: options.legacyUrls.cms, token: config.legacy.cms.token, timeoutMs: config.legacy.timeoutMs, maxResponseBytes: config.legacy.maxResponseBytes,
      logger: logger.child({ legacy: 'cms', component: 'intake' }), signal: stopping.signal, retry: options.retry,
      requestsPerMinute: config.legacy.requestsPerMinute.cms, breaker: config.legacy.breaker, apiVersion: config.legacy.clioApiVersion,
    },
  });
  if (config.webhooks.enabled) {
    agenda.define(WEBHOOK_RENEW_JOB, async () => {
      await pruneWebhookDeliveries(database.dataSource);
      await ensureWebhooks();
    }, { concurrency: 1, lockLimit: 1, lockLifetime });
  }
  agenda.define(REPROCESS_JOB, async () => {
    await reprocessQuarantine(database.dataSource, QUARANTINE_REPROCESSORS, logger);
  }, { concurrency: 1, lockLimit: 1, lockLifetime });

  try {
    await agenda.start();
    await agenda.every(`${Math.max(1, config.sync.intervalSeconds)} seconds`, LEGACY_SYSTEMS.map(syncJobName));
    await notifications.start();
    await intake.start(); // intake
    if (config.webhooks.enabled) await agenda.every(`${Math.max(60, config.webhooks.renewCheckSeconds)} seconds`, WEBHOOK_RENEW_JOB);
    await agenda.every(REPROCESS_EVERY, REPROCESS_JOB);
  } catch (error) {
    await notifications.close().catch(() => undefined);
    await intake.close().catch(() => undefined); // intake
    await agenda.stop().catch(() => undefined);
    await database.close();
    throw error;
  }

  // The rules turn recorded events into stages and client updates, the first import's history included.
  const rules = startRulesConsumer({
    dataSource: database.dataSource, databaseUrl: options.databaseUrl, embedded, pollMs: options.rulesPollMs ?? (embedded ? 1000 : 5000), logger,
  });
  // Deliveries are processed whether or not this worker registered them (another may have).
  const wakeup = wakeOnOutbox({
    databaseUrl: options.databaseUrl, embedded, channel: WEBHOOK_CHANNEL, logger: webhookLogger,
    pollMs: options.deliveryPollMs ?? (embedded ? 500 : 5000), onEvents: processDeliveries,
  });
  const webhooksReady = config.webhooks.enabled
    ? ensureWebhooks().catch((error: unknown) => webhookLogger.warn({ err: error }, 'webhook registration failed; polling covers it and registration is retried on schedule'))
    : Promise.resolve();
  // A new mapping (staff, through the graph) NOTIFYs: re-process at once rather than at the next period (the poll is only Agenda's).
  const mappingAdded = wakeOnOutbox({
    databaseUrl: options.databaseUrl, embedded, channel: MAPPINGS_CHANNEL, pollMs: 3_600_000, logger,
    onEvents: async () => {
      if (await hasReprocessable(database.dataSource)) await agenda.now(REPROCESS_JOB);
    },
  });

  let closed: Promise<void> | undefined;
  return {
    clients,
    dataSource: database.dataSource,
    ensureWebhooks,
    webhooksReady,
    processDeliveries,
    intake: { processNow: intake.processNow, watchNow: intake.watchNow },
    async syncNow() {
      const results = await Promise.allSettled(LEGACY_SYSTEMS.map(syncSystem));
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) throw new AggregateError(failures, failures.map((f) => (f instanceof Error ? f.message : String(f))).join('; '));
    },
    close() {
      closed ??= (async () => {
        stopping.abort(new Error('the worker is stopping'));
        await wakeup.close();
        await mappingAdded.close();
        const drained = await agenda.drain({ timeout: DRAIN_TIMEOUT_MS }).catch((error: unknown) => {
          logger.warn({ err: error }, 'agenda did not drain cleanly');
          return undefined;
        });
        if (drained?.timedOut) logger.warn({ running: drained.running }, 'sync jobs still running at shutdown; their locks expire');
        await notifications.close();
        await intake.close(); // intake
        await queue.idle();
        await rules.close();
        await database.close();
      })();
      return closed;
    },
  };
}
