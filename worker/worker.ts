import type { Job } from 'agenda';
import type { DataSource } from 'typeorm';
import type { Config } from '../shared/config.js';
import { openDatabase, type Database } from '../shared/db/data-source.js';
import type { LegacySystemName, RetryPolicy } from '../shared/legacy-http/index.js';
import type { Logger } from '../shared/logger.js';
import type { SyncContext } from '../shared/sync/index.js';
import { LEGACY_SYSTEMS, createLegacyClients, systemSyncs, type LegacyClients } from './legacy-syncs.js';
import { SerialQueue } from './serial.js';
import { createAgenda } from './agenda.js';
import { defineNotificationJobs } from './notifications.js';
import { startRulesConsumer } from '../subgraphs/matters/rules/consumer.js';

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
}

export interface Worker {
  /** Runs one sync of every legacy system now, each system after any sync of it already running; rejects if any failed. */
  syncNow(): Promise<void>;
  /** The legacy clients, whose `http.stats` count the requests made. */
  clients: LegacyClients;
  /** The worker's own connection to the read model. */
  dataSource: DataSource;
  close(): Promise<void>;
}

export const syncJobName = (system: LegacySystemName) => `sync:${system}`;

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
  const ctx: SyncContext = { dataSource: database.dataSource, logger, reconcileSeconds: config.sync.reconcileSeconds };

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

  try {
    await agenda.start();
    await agenda.every(`${Math.max(1, config.sync.intervalSeconds)} seconds`, LEGACY_SYSTEMS.map(syncJobName));
    await notifications.start();
  } catch (error) {
    await notifications.close().catch(() => undefined);
    await agenda.stop().catch(() => undefined);
    await database.close();
    throw error;
  }

  // The rules turn recorded events into stages and client updates, the first import's history included.
  const rules = startRulesConsumer({
    dataSource: database.dataSource, databaseUrl: options.databaseUrl, embedded, pollMs: options.rulesPollMs ?? (embedded ? 1000 : 5000), logger,
  });

  let closed: Promise<void> | undefined;
  return {
    clients,
    dataSource: database.dataSource,
    async syncNow() {
      const results = await Promise.allSettled(LEGACY_SYSTEMS.map(syncSystem));
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) throw new AggregateError(failures, failures.map((f) => (f instanceof Error ? f.message : String(f))).join('; '));
    },
    close() {
      closed ??= (async () => {
        stopping.abort(new Error('the worker is stopping'));
        const drained = await agenda.drain({ timeout: DRAIN_TIMEOUT_MS }).catch((error: unknown) => {
          logger.warn({ err: error }, 'agenda did not drain cleanly');
          return undefined;
        });
        if (drained?.timedOut) logger.warn({ running: drained.running }, 'sync jobs still running at shutdown; their locks expire');
        await notifications.close();
        await queue.idle();
        await rules.close();
        await database.close();
      })();
      return closed;
    },
  };
}
