import type { DataSource } from 'typeorm';
import { loadConfig, type Config } from '../shared/config.js';
import type { RetryPolicy } from '../shared/legacy-http/index.js';
import { createLogger } from '../shared/logger.js';
import type { SyncContext, SyncOutcome } from '../subgraphs/ingest/index.js';
import type { Firm } from '../legacy/firm/types.js';
import type { FaultOptions } from '../legacy/http/faults.js';
import { TEST_TOKEN, startTestSimulators, type SimulatorHarness } from '../legacy/test-support.js';
import { createMigratedTestDatabase } from '../test/support/database.js';
import { LEGACY_SYSTEMS, createLegacyClients, systemSyncs, type LegacyClients } from './legacy-syncs.js';
import { LEGACY_SYSTEMS as SYSTEM_SYNCS } from '../system/modules.js';

/** Quick retries for tests: the faults suite would otherwise spend most of its time backing off. */
export const TEST_RETRY: Partial<RetryPolicy> = { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 10 };

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SIM_TOKEN: TEST_TOKEN, LEGACY_TIMEOUT_MS: '2000', LEGACY_REQUESTS_PER_MINUTE: '100000', SYNC_RECONCILE_SECONDS: '0', ...overrides });
}

export interface SyncHarness {
  h: SimulatorHarness;
  firm: Firm;
  dataSource: DataSource;
  databaseUrl: string;
  clients: LegacyClients;
  ctx: SyncContext;
  /** One sync of every system, in turn; rejects if any resource failed. */
  syncAll(): Promise<SyncOutcome[]>;
  /** Requests sent to the legacy systems so far, retries included. */
  requests(): number;
  close(): Promise<void>;
}

/** Simulators with the demo firm, a fresh migrated database, and the worker's legacy clients and syncs. */
export async function startSyncHarness(options: { reconcileSeconds?: number; faults?: FaultOptions; retry?: Partial<RetryPolicy>; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<SyncHarness> {
  const h = await startTestSimulators({ faults: options.faults });
  const db = await createMigratedTestDatabase();
  const config = testConfig({ ...(options.timeoutMs ? { LEGACY_TIMEOUT_MS: String(options.timeoutMs) } : {}), ...options.env });
  const logger = createLogger('sync-test', 'silent');
  const clients = createLegacyClients({
    config,
    legacyUrls: { cms: h.sims.cms.url, dms: h.sims.dms.url, billing: h.sims.billing.url },
    logger,
    retry: options.retry ?? TEST_RETRY,
    systems: SYSTEM_SYNCS,
  });
  const syncs = systemSyncs(clients);
  const ctx: SyncContext = { dataSource: db.db.dataSource, logger, reconcileSeconds: options.reconcileSeconds ?? 0 };
  return {
    h,
    firm: h.sims.firm,
    dataSource: db.db.dataSource,
    databaseUrl: db.url,
    clients,
    ctx,
    async syncAll() {
      const outcomes: SyncOutcome[] = [];
      for (const system of LEGACY_SYSTEMS) outcomes.push(...(await syncs[system](ctx)));
      return outcomes;
    },
    requests: () => clients.cms.http.stats.requests + clients.dms.http.stats.requests + clients.billing.http.stats.requests,
    async close() {
      await h.sims.close();
      await db.drop();
    },
  };
}

/** Row counts of the read model, one number per table the sync fills. */
export async function readModelCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const [row] = await dataSource.query(`SELECT
      (SELECT count(*)::int FROM matters.clients) AS clients,
      (SELECT count(*)::int FROM matters.staff) AS staff,
      (SELECT count(*)::int FROM matters.matters) AS matters,
      (SELECT count(*)::int FROM matters.matter_events) AS events,
      (SELECT count(*)::int FROM documents.documents) AS documents,
      (SELECT count(*)::int FROM billing.invoices) AS invoices,
      (SELECT count(*)::int FROM billing.invoice_matters) AS "invoiceMatters"`);
  return row as Record<string, number>;
}

/** The same counts, computed from the simulators' firm: what the read model must equal. */
export function firmCounts(firm: Firm): Record<string, number> {
  const matterClients = new Set(firm.matters.map((m) => m.client.id));
  return {
    clients: firm.contacts.filter((c) => c.is_client || matterClients.has(c.id)).length,
    staff: firm.users.length,
    matters: firm.matters.length,
    events: firm.calendarEntries.filter((e) => e.matter !== null).length + firm.tasks.filter((t) => t.matter !== null && t.due_at !== null).length,
    documents: firm.documents.length,
    invoices: firm.bills.length,
    invoiceMatters: firm.bills.reduce((n, b) => n + b.matters.length, 0),
  };
}
