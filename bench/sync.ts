/**
 * `npm run bench:sync`: the whole system against a generated firm (SIM_FIRM_SIZE, default large:
 * 10,000 matters, 100,000 documents, 30,000 bills) behind a simulator rate limit of
 * BENCH_RATE_LIMIT_PER_MINUTE per system (default 600, the simulator's default; our client budget
 * is set to the same). Prints:
 * - the initial import time against its floor (records ÷ page size ÷ allowed requests per second,
 *   the slowest system; systems import in parallel),
 * - the requests one idle incremental poll makes,
 * - the p99 delay from a legacy change (a hearing rescheduled in the CMS) to its effect, by webhook
 *   and by polling (webhooks dropped at the simulator, a poll every BENCH_POLL_INTERVAL_SECONDS).
 * Needs DATABASE_URL (a PostgreSQL server; the bench creates and drops its own database).
 * BENCH_CHANGES sets how many changes each latency run makes (default 100 by webhook, 40 by polling).
 */
import 'reflect-metadata';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { loadSimulatorConfig } from '../legacy/config.js';
import { stamp } from '../legacy/http/clio/validate.js';
import { startSystem } from '../system/start-system.js';
import { createTestDatabase } from '../test/support/database.js';
import { probeFor, type EffectProbe } from './sync-effect.js';
import { machineLine } from './support/load.js';

if (!process.env.DATABASE_URL) {
  process.stderr.write('bench:sync needs DATABASE_URL, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:sync\n');
  process.exit(1);
}
const rate = Number(process.env.BENCH_RATE_LIMIT_PER_MINUTE ?? 600);
const pollSeconds = Number(process.env.BENCH_POLL_INTERVAL_SECONDS ?? 10);
const webhookChanges = Number(process.env.BENCH_CHANGES ?? 100);
const pollChanges = Math.max(10, Math.round(webhookChanges * 0.4));
const database = await createTestDatabase();
const env = {
  ...process.env, DATABASE_URL: database.url, PORT: '0', MATTERS_PORT: '0', DOCUMENTS_PORT: '0', BILLING_PORT: '0', NOTIFICATIONS_PORT: '0', AUDIT_PORT: '0',
  CMS_SIM_PORT: '0', DMS_SIM_PORT: '0', BILLING_SIM_PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  SIM_FIRM_SIZE: process.env.SIM_FIRM_SIZE ?? 'large', SIM_RATE_LIMIT_PER_MINUTE: String(rate), LEGACY_REQUESTS_PER_MINUTE: String(rate),
  // The bench drives the polls itself (the very call the Agenda job makes) so it can count and pace them.
  SYNC_INTERVAL_SECONDS: '86400', SYNC_RECONCILE_SECONDS: '86400', SIM_WEBHOOK_RETRY_BASE_MS: '200', DEMO_ACCOUNTS: 'false',
};
const config = loadConfig(env);
const logger = createLogger('bench', config.logLevel);
const ms = (n: number) => `${(n / 1000).toFixed(1)} s`;
const p = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};

process.stdout.write(`${machineLine('bench:sync')}\n`);
process.stdout.write(`Generating the firm (${env.SIM_FIRM_SIZE}) and starting the system; simulator rate limit ${rate} requests/minute per system, client budget the same.\n`);
const system = await startSystem(config, loadSimulatorConfig(env), logger);
const importStarted = Date.now();
const { firm } = system.simulators!;
const stats = () => Object.fromEntries((['cms', 'dms', 'billing'] as const).map((s) => [s, { ...system.worker.clients[s].http.stats }]));
try {
  await system.imported;
  const importMs = Date.now() - importStarted;
  const afterImport = stats();

  // The floor: the data pages of each system at the allowed rate (a first import also sweeps every id once for deletions: shown too).
  const cmsPageSize = config.sync.pageSize;
  const pages = {
    cms: [firm.customFields.length, firm.users.length, firm.contacts.length, firm.matters.length, firm.calendarEntries.length, firm.tasks.length]
      .reduce((n, records) => n + Math.max(1, Math.ceil(records / cmsPageSize)), 0),
    dms: Math.max(1, Math.ceil(firm.documents.length / 1000)),
    billing: Math.max(1, Math.ceil(firm.bills.length / config.sync.pageSize)),
  };
  const perSecond = rate / 60;
  const floorMs = Math.max(...Object.values(pages)) / perSecond * 1000;
  // The client's token bucket starts full (a sixth of a minute's budget), which the simulator's fixed one-minute window allows.
  const burst = Math.max(1, Math.floor(rate / 6));
  const burstFloorMs = Math.max(...Object.values(pages).map((n) => Math.max(0, n - burst))) / perSecond * 1000;
  const records = firm.matters.length + firm.contacts.length + firm.calendarEntries.length + firm.tasks.length + firm.documents.length + firm.bills.length;
  process.stdout.write(`\nInitial import of ${records.toLocaleString('en')} records (${firm.matters.length} matters, ${firm.documents.length} documents, ${firm.bills.length} bills, ${firm.calendarEntries.length} calendar entries, ${firm.tasks.length} tasks, ${firm.contacts.length} contacts)\n`);
  process.stdout.write(`  took ${ms(importMs)}; floor ${ms(floorMs)} (data pages cms ${pages.cms}, dms ${pages.dms}, billing ${pages.billing} at ${perSecond.toFixed(1)} req/s), ${ms(burstFloorMs)} once the first ${burst} requests go out as a burst\n`);
  for (const [name, s] of Object.entries(afterImport)) process.stdout.write(`  ${name}: ${s.requests} requests, ${s.retries} retries, ${s.throttled} throttled (429)\n`);

  // The rules then decide the first import's history (stages, unannounced updates): changes are timed once they have caught up.
  const ds = system.database.dataSource;
  const behind = async () => Number((await ds.query(
    `SELECT count(*)::int AS n FROM events.outbox o, events.consumers c WHERE c.name = 'rules' AND (o.tx_id, o.id) > (c.tx_id, c.event_id)`,
  ))[0]?.n ?? 1);
  const [{ total }] = await ds.query(`SELECT count(*)::int AS total FROM events.outbox`);
  while ((await ds.query(`SELECT 1 FROM events.consumers WHERE name = 'rules'`)).length === 0 || (await behind()) > 0) await new Promise((resolve) => setTimeout(resolve, 250));
  process.stdout.write(`  the rules decided the history of the import (${Number(total).toLocaleString('en')} events: stages and unannounced updates) ${ms(Date.now() - importStarted - importMs)} after it finished\n`);

  // An idle incremental poll: nothing changed (a warm-up poll first, so the cursors have settled).
  await system.syncNow();
  const before = stats();
  await system.syncNow();
  const after = stats();
  const idle = (['cms', 'dms', 'billing'] as const).map((s) => `${s} ${after[s]!.requests - before[s]!.requests}`);
  process.stdout.write(`\nIdle incremental poll: ${idle.join(', ')} requests (one page per resource; no deletion sweep due)\n`);

  // Changes: a hearing (calendar entry with a matter) moved by a day, written in the CMS's store, which fires its webhooks.
  await system.worker.webhooksReady;
  // Appointments the rules tell the client about when they move (an entry of an unmapped type is not news).
  const appointments = new Set((await ds.query(
    `SELECT substr(id, 10) AS id FROM matters.matter_events WHERE id LIKE 'calendar:%' AND kind IN ('HEARING', 'TRIAL', 'DEPOSITION', 'MEETING')`,
  ) as Array<{ id: string }>).map((r) => r.id));
  const entries = firm.calendarEntries.filter((e) => e.matter !== null && appointments.has(String(e.id)));
  let next = 0;
  const change = () => {
    const entry = entries[next++ % entries.length]!;
    const current = system.simulators!.store.calendarEntries.get(entry.id)!;
    const startAt = new Date(Date.parse(current.start_at) + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    system.simulators!.store.calendarEntries.update(entry.id, { start_at: startAt, ...stamp('calendar_entries', entry.id) });
    return { entryId: String(entry.id), matterId: String(entry.matter!.id), startAt: new Date(startAt), at: Date.now() };
  };
  const probe: EffectProbe = await probeFor(system.database.dataSource, change);
  process.stdout.write(`\nEffect measured: ${probe.name}\n`);

  async function delays(count: number, spreadMs: number): Promise<number[]> {
    const waits: Array<Promise<number>> = [];
    for (let i = 0; i < count; i++) {
      const made = change();
      waits.push(probe.waitFor(made, 120_000).then((seen) => seen - made.at));
      await new Promise((resolve) => setTimeout(resolve, spreadMs / count));
    }
    return Promise.all(waits);
  }

  const byWebhook = await delays(webhookChanges, webhookChanges * 100);
  process.stdout.write(`By webhook (${byWebhook.length} changes): p50 ${Math.round(p(byWebhook, 0.5))} ms, p99 ${Math.round(p(byWebhook, 0.99))} ms, max ${Math.round(Math.max(...byWebhook))} ms\n`);

  // Polling alone: the simulator drops every delivery; a poll runs every pollSeconds.
  system.simulators!.setFaults('cms', { webhookDropRate: 1 });
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const started = Date.now();
      await system.syncNow().catch((error: unknown) => logger.warn({ err: error }, 'poll failed'));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, pollSeconds * 1000 - (Date.now() - started))));
    }
  })();
  const byPolling = await delays(pollChanges, 3 * pollSeconds * 1000);
  polling = false;
  await poller;
  process.stdout.write(`By polling every ${pollSeconds} s (${byPolling.length} changes): p50 ${ms(p(byPolling, 0.5))}, p99 ${ms(p(byPolling, 0.99))}, max ${ms(Math.max(...byPolling))}\n`);
} finally {
  await system.close();
  await database.drop();
}
process.exit(0);
