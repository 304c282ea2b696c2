/**
 * `npm run bench:intake`: BENCH_SUBMISSIONS web-form submissions (default 25) posted at once to
 * POST /intake of the whole system, with the CMS simulator at Clio's rate limit
 * (BENCH_RATE_LIMIT_PER_MINUTE, default 50 requests a minute; our client budget the same) and a
 * real SMTP server. Prints submissions per second end to end (form → contact + pending matter +
 * task in the CMS + reply accepted by SMTP), the p50/p99 time from a submission to its reply
 * leaving, and the floor the rate limit sets (CMS requests per lead ÷ requests allowed).
 * Needs DATABASE_URL (a PostgreSQL server; the bench creates and drops its own database).
 */
import 'reflect-metadata';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { loadSimulatorConfig } from '../legacy/config.js';
import { startSystem } from '../system/start-system.js';
import { createTestDatabase } from '../test/support/database.js';
import { startTestSmtp } from '../test/support/smtp.js';

if (!process.env.DATABASE_URL) {
  process.stderr.write('bench:intake needs DATABASE_URL, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:intake\n');
  process.exit(1);
}
const rate = Number(process.env.BENCH_RATE_LIMIT_PER_MINUTE ?? 50);
const submissions = Number(process.env.BENCH_SUBMISSIONS ?? 25);
const database = await createTestDatabase();
const smtp = await startTestSmtp();
const env = {
  ...process.env, DATABASE_URL: database.url, PORT: '0', MATTERS_PORT: '0', DOCUMENTS_PORT: '0', BILLING_PORT: '0', NOTIFICATIONS_PORT: '0', AUDIT_PORT: '0', INTAKE_PORT: '0',
  CMS_SIM_PORT: '0', DMS_SIM_PORT: '0', BILLING_SIM_PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', SMTP_URL: smtp.url,
  SIM_FIRM_SIZE: 'demo', SIM_RATE_LIMIT_PER_MINUTE: String(rate), LEGACY_REQUESTS_PER_MINUTE: String(rate),
  SYNC_INTERVAL_SECONDS: '86400', SYNC_RECONCILE_SECONDS: '86400', WEBHOOKS: 'false', DEMO_ACCOUNTS: 'false',
  INTAKE_REQUESTS_PER_MINUTE: '100000', INTAKE_POLL_SECONDS: '30',
};
const config = loadConfig(env);
const logger = createLogger('bench', config.logLevel);
const p = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)] ?? NaN;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

process.stdout.write(`Starting the system (demo firm); CMS simulator limit ${rate} requests/minute, our budget the same.\n`);
const system = await startSystem(config, loadSimulatorConfig(env), logger);
try {
  await system.firstImport;
  const base = system.gatewayUrl.replace(/\/graphql$/, '');
  const { dataSource } = system.database;
  const tasksBefore = system.simulators!.store.tasks.all().length;
  process.stdout.write(`First import done. Posting ${submissions} submissions at once…\n`);
  const areas = ['car accident', 'divorce', 'Estate Planning', 'wrongful termination', 'visa'];
  const states = ['CA', 'NY', 'TX', 'FL', 'California'];
  const started = Date.now();
  const receipts = await Promise.all(Array.from({ length: submissions }, async (_, i) => {
    const response = await fetch(`${base}/intake`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        firstName: `Bench${i}`, lastName: 'Prospect', email: `bench.${i}.${started}@example.com`, phone: '+1 213 555 0100',
        practiceArea: areas[i % areas.length], state: states[i % states.length], description: `Benchmark submission ${i}: what happened, in the prospect's words.`,
      }),
    });
    if (response.status !== 202) throw new Error(`POST /intake answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { receiptId: string }).receiptId;
  }));
  const accepted = Date.now() - started;
  const deadline = Date.now() + Math.max(120_000, (submissions * 6 * 60_000) / rate);
  for (;;) {
    const [row]: Array<{ n: string }> = await dataSource.query(`SELECT count(*) AS n FROM intake.outbound WHERE kind = 'REPLY' AND status = 'SENT' AND lead_id = ANY($1)`, [receipts]);
    if (Number(row?.n) >= submissions) break;
    if (Date.now() > deadline) throw new Error(`only ${row?.n} of ${submissions} replies left before the deadline`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // One more on a CMS whose rate budget has refilled: what a single prospect at 11 pm sees.
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  const single = await fetch(`${base}/intake`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ firstName: 'Night', lastName: 'Owl', email: `night.owl.${started}@example.com`, practiceArea: 'car accident', state: 'CA', description: 'Hit by a car in a crosswalk tonight.' }),
  });
  const { receiptId: singleId } = (await single.json()) as { receiptId: string };
  const singleDeadline = Date.now() + 120_000;
  let singleMs = NaN;
  while (Date.now() < singleDeadline) {
    const [row]: Array<{ ms: number | null }> = await dataSource.query(
      `SELECT EXTRACT(EPOCH FROM (o.sent_at - l.received_at)) * 1000 AS ms FROM intake.outbound o JOIN intake.leads l ON l.id = o.lead_id WHERE o.kind = 'REPLY' AND o.status = 'SENT' AND l.id = $1`, [singleId],
    );
    if (row?.ms !== undefined && row.ms !== null) {
      singleMs = Number(row.ms);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const latencies: Array<{ ms: number }> = await dataSource.query(
    `SELECT EXTRACT(EPOCH FROM (o.sent_at - l.received_at)) * 1000 AS ms FROM intake.outbound o JOIN intake.leads l ON l.id = o.lead_id WHERE o.kind = 'REPLY' AND l.id = ANY($1)`,
    [receipts],
  );
  const ms = latencies.map((r) => Number(r.ms));
  const totalMs = Math.max(...ms);
  const created = system.simulators!.store.tasks.all().length - tasksBefore;
  // Per lead: the email search (conflict check and existing contact), contact, matter, task; the
  // directory (users with groups, practice areas) once per 5 minutes and the SLA listing per poll come on top.
  const requestsPerLead = 4;
  const floorPerSecond = rate / 60 / requestsPerLead;
  process.stdout.write([
    `${submissions} submissions accepted (202) in ${s(accepted)}; in all (the burst and the single one) ${created} CMS tasks created, ${smtp.inbox.length} replies received by SMTP.`,
    `End to end: ${(submissions / (totalMs / 1000)).toFixed(3)} submissions/s (${s(totalMs)} for all).`,
    `Submission → reply leaving: p50 ${s(p(ms, 0.5))}, p99 ${s(p(ms, 0.99))} (a burst of ${submissions}); one submission alone on a rested CMS: ${s(singleMs)}.`,
    `Floor at ${rate} CMS requests/minute and ${requestsPerLead} requests a lead: at most ${floorPerSecond.toFixed(3)} leads/s (${(floorPerSecond * 60).toFixed(1)}/min);`,
    `  the last of ${submissions} at once waits at least ${s((submissions * requestsPerLead * 60_000) / rate)}.`,
  ].join('\n') + '\n');
} finally {
  await system.close();
  await smtp.close();
  await database.drop();
}
