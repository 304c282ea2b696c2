/**
 * `npm run soak`: the whole system for SOAK_MINUTES (default 30) under mixed portal traffic and
 * legacy churn, to show it holds for hours: memory flat, latency steady, no file-descriptor or
 * database-connection growth. Not part of CI.
 *
 * Portal: SOAK_USERS virtual users (default 6) signed in as the demo client and attorney, looping
 * over the dashboard, My matters, a matter's page and documents, the notifications bell and mark
 * read, and now and then a watermarked download; SOAK_SUBSCRIBERS graphql-ws connections (default
 * 20) on matterUpdated and notificationAdded, a quarter reconnecting each minute. Legacy: an edit
 * every SOAK_EDIT_SECONDS (default 3) through the simulators' APIs, the CMS's webhooks and the
 * worker's syncs (every SYNC_INTERVAL_SECONDS, default 60 here) bringing them in.
 *
 * Every minute it prints heap after GC (run with --expose-gc, as the npm script does), RSS, p50 and
 * p99 of the portal's requests, requests, failures, open file descriptors (/proc/self/fd) and
 * PostgreSQL connections (pg_stat_activity), and at the end PASS/FAIL per criterion. Everything
 * (simulators, system, load) runs in this one process, as under `npm start`. DATABASE_URL: a fresh
 * database on that server; unset: embedded PGlite.
 */
import 'reflect-metadata';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { loadSimulatorConfig } from '../legacy/config.js';
import { startSystem } from '../system/start-system.js';
import { DEMO_PASSWORD } from '../shared/auth/demo-accounts.js';
import { createTestDatabase } from '../test/support/database.js';
import { PortalTraffic } from './soak/portal-traffic.js';
import { LiveSubscribers } from './soak/subscribers.js';
import { LegacyChurn } from './soak/legacy-churn.js';
import { HEADER, LatencyWindow, formatSample, heapAfterGc, judge, openFileDescriptors, type MinuteSample } from './soak/metrics.js';

const minutes = Number(process.env.SOAK_MINUTES ?? 30);
const users = Number(process.env.SOAK_USERS ?? 6);
const subscriberCount = Number(process.env.SOAK_SUBSCRIBERS ?? 20);
const editSeconds = Number(process.env.SOAK_EDIT_SECONDS ?? 3);
if (![minutes, users, subscriberCount, editSeconds].every((n) => Number.isFinite(n) && n > 0)) {
  throw new Error('SOAK_MINUTES, SOAK_USERS, SOAK_SUBSCRIBERS and SOAK_EDIT_SECONDS must be positive numbers');
}

const env: NodeJS.ProcessEnv = {
  ...process.env, PORT: '0', MATTERS_PORT: '0', DOCUMENTS_PORT: '0', BILLING_PORT: '0', NOTIFICATIONS_PORT: '0', AUDIT_PORT: '0', INGEST_PORT: '0', INTAKE_PORT: '0',
  CMS_SIM_PORT: '0', DMS_SIM_PORT: '0', BILLING_SIM_PORT: '0', DATA_DIR: '', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', DEMO_ACCOUNTS: 'true',
  SIM_RATE_LIMIT_PER_MINUTE: '100000', LEGACY_REQUESTS_PER_MINUTE: '100000', SYNC_INTERVAL_SECONDS: process.env.SYNC_INTERVAL_SECONDS ?? '60',
  // Tokens outlive the run (live connections close when theirs expires); one address sends everything.
  TOKEN_TTL_SECONDS: String(minutes * 60 + 3600), RATE_LIMIT_CLIENT_PER_MINUTE: '1000000', RATE_LIMIT_STAFF_PER_MINUTE: '1000000', RATE_LIMIT_ADDRESS_PER_MINUTE: '10000000',
};
const database = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
if (database) env.DATABASE_URL = database.url;
const config = loadConfig(env);
const system = await startSystem(config, loadSimulatorConfig(env), createLogger('soak', config.logLevel));
await system.firstImport;
await system.worker.webhooksReady;

const latency = new LatencyWindow();
const traffic = new PortalTraffic(system.gatewayUrl, latency, 100);
const portalUsers = await Promise.all(['ava.martin@example.com', 'ben.okafor@example.com', 'sarah.jones@smithjones.example'].map((email) => traffic.signIn(email, DEMO_PASSWORD)));
const clients = portalUsers.filter((u) => u.email.endsWith('@example.com'));
const live = new LiveSubscribers(system.gatewayUrl.replace(/^http/, 'ws'));
const churn = new LegacyChurn(system.simulators!, config.legacy.cms.token, clients.flatMap((u) => u.matterIds.map(Number)));
const { dataSource } = system.database;
const pgConnections = async () => {
  const [row] = (await dataSource.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()')) as Array<{ n: number }>;
  return row?.n ?? Number.NaN;
};

console.log(`soak: ${minutes} min, ${users} portal users, ${subscriberCount} live subscribers, a legacy edit every ${editSeconds} s, syncs every ${config.sync.intervalSeconds} s; database ${system.embeddedDatabase ? 'embedded PGlite' : 'PostgreSQL'}; heap ${heapAfterGc().collected ? 'after a full GC' : 'WITHOUT GC (run with --expose-gc)'}`);
traffic.start(portalUsers, users);
live.start(clients, subscriberCount);
churn.start(editSeconds * 1000);

const samples: MinuteSample[] = [];
console.log(HEADER);
for (let minute = 1; minute <= minutes; minute++) {
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  const window = latency.drain();
  const liveCounts = live.drain();
  const memory = heapAfterGc();
  const sample: MinuteSample = {
    minute, heapMb: memory.heapMb, rssMb: memory.rssMb, p50: window.p50, p99: window.p99, requests: window.requests,
    errors: window.errors + liveCounts.errors, fds: openFileDescriptors(), pgConnections: await pgConnections(), liveEvents: liveCounts.events, edits: churn.drain(),
  };
  samples.push(sample);
  console.log(formatSample(sample));
  if (minute < minutes) await live.churn();
}

await traffic.stop();
await churn.stop();
await live.stop();
const verdicts = judge(samples);
console.log('');
for (const v of verdicts) console.log(`${v.pass ? 'PASS' : 'FAIL'}  ${v.criterion}: ${v.detail}`);
console.log(`legacy edits failed: ${churn.failed}`);
for (const failure of [...traffic.failures, ...live.failures, ...churn.failures]) console.log(`  failure: ${failure}`);
await system.close();
await database?.drop();
process.exit(verdicts.every((v) => v.pass) ? 0 : 1);
