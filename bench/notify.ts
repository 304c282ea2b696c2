/**
 * `npm run bench:notify`: how long the worker takes to build and send the digests of 100,000
 * pending notifications across 10,000 clients (10 each, on 2 matters) into a local SMTP sink
 * (smtp-server in this process), through the same claim and send functions the Agenda job runs.
 * Then the live-subscription half (bench/notify-live.ts), when that file exists.
 *
 * Uses a fresh database on DATABASE_URL's server when set, else the embedded PGlite (slower: it
 * runs one statement at a time). BENCH_CLIENTS / BENCH_PER_CLIENT / BENCH_CONCURRENCY override.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { openDatabase } from '../shared/db/data-source.js';
import { DATABASE } from '../system/modules.js';
import { createTestDatabase } from '../test/support/database.js';
import { createMailer } from '../shared/mail/index.js';
import { claimDueNotifications } from '../subgraphs/notifications/delivery/claim.js';
import { sendClaimedDeliveries } from '../subgraphs/notifications/delivery/send.js';
import { messageDomain } from '../subgraphs/notifications/delivery/notifier.js';
import { machineLine } from './support/load.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10_000);
const PER_CLIENT = Number(process.env.BENCH_PER_CLIENT ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const logger = createLogger('bench', 'warn');

async function digestBench(): Promise<void> {
  let received = 0;
  let bytes = 0;
  const sink = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false, maxClients: 100,
    onData(stream, _session, callback) {
      stream.on('data', (chunk: Buffer) => { bytes += chunk.length; });
      stream.on('end', () => { received += 1; callback(); });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const smtpUrl = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;
  const database = await createTestDatabase();
  const db = await openDatabase(database.url, DATABASE, { poolSize: CONCURRENCY + 2 });
  const { dataSource } = db;
  try {
    const seeding = Date.now();
    await dataSource.query(`INSERT INTO matters.clients (id, name, email, kind, legacy_updated_at)
      SELECT 'b' || i, 'Client ' || i, 'client' || i || '@bench.example', 'Person', now() FROM generate_series(1, $1) AS i`, [CLIENTS]);
    await dataSource.query(`INSERT INTO matters.matters (id, number, title, legacy_status, client_id, legacy_updated_at)
      SELECT 'bm' || i || '-' || k, 'N-' || i || '-' || k, 'Matter ' || k || ' of client ' || i, 'Open', 'b' || i, now()
        FROM generate_series(1, $1) AS i, generate_series(1, 2) AS k`, [CLIENTS]);
    await dataSource.query(`INSERT INTO notifications.notifications
        (client_id, matter_id, title, body, urgent, category, matter_number, matter_title, status, due_at, created_at)
      SELECT 'b' || i, 'bm' || i || '-' || (1 + n % 2), 'Update ' || n || ' on your matter', 'A new document was shared with you.', false, 'DOCUMENT',
             'N-' || i || '-' || (1 + n % 2), 'Matter ' || (1 + n % 2) || ' of client ' || i, 'PENDING', now() - interval '1 second', now() + n * interval '1 microsecond'
        FROM generate_series(1, $1) AS i, generate_series(1, $2) AS n`, [CLIENTS, PER_CLIENT]);
    const total = CLIENTS * PER_CLIENT;
    console.log(machineLine('bench:notify'));
    console.log(`seeded ${total.toLocaleString('en-US')} pending notifications for ${CLIENTS.toLocaleString('en-US')} clients in ${Date.now() - seeding} ms (${database.embedded ? 'embedded PGlite' : 'PostgreSQL'})`);

    const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: smtpUrl, DATA_DIR: '' });
    const mailer = createMailer(config, logger, { poolSize: CONCURRENCY, socketTimeoutMs: 30_000 });
    const brand = { firmName: config.mail.firmName, portalUrl: config.notifications.portalUrl, messageDomain: messageDomain(config.mail.from) };

    const claimStart = Date.now();
    let deliveries = 0;
    for (;;) {
      const round = await claimDueNotifications(dataSource, brand);
      if (round.notifications === 0) break;
      deliveries += round.deliveries;
    }
    const claimMs = Date.now() - claimStart;

    const sendStart = Date.now();
    const outcome = await sendClaimedDeliveries(dataSource, mailer, { leaseMs: 60_000, retryBaseMs: 1000, concurrency: CONCURRENCY, portalUrl: brand.portalUrl }, logger);
    const sendMs = Date.now() - sendStart;
    mailer.close();

    const [{ sent }] = await dataSource.query(`SELECT count(*)::int AS sent FROM notifications.notifications WHERE status = 'SENT'`);
    const rate = (n: number, ms: number) => Math.round((n * 1000) / Math.max(1, ms)).toLocaleString('en-US');
    console.log(`claim + render: ${deliveries.toLocaleString('en-US')} digests in ${claimMs} ms (${rate(total, claimMs)} notifications/s)`);
    console.log(`send (${CONCURRENCY} pooled SMTP connections): ${outcome.sent.toLocaleString('en-US')} messages in ${sendMs} ms (${rate(outcome.sent, sendMs)} messages/s), ${outcome.failed} failed; sink received ${received.toLocaleString('en-US')} (${(bytes / 1e6).toFixed(1)} MB)`);
    console.log(`total: ${claimMs + sendMs} ms for ${total.toLocaleString('en-US')} notifications; marked SENT: ${sent.toLocaleString('en-US')}`);
    if (received !== deliveries || sent !== total) throw new Error(`expected ${deliveries} messages and ${total} sent notifications, got ${received} and ${sent}`);
  } finally {
    await db.close();
    await database.drop();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
  }
}

async function liveBench(): Promise<void> {
  if (!existsSync(new URL('./notify-live.ts', import.meta.url))) {
    console.log('live subscriptions: skipped (bench/notify-live.ts is not here yet)');
    return;
  }
  const file = './notify-live.js';
  const live = (await import(file)) as { runLiveBench?: () => Promise<unknown> };
  if (typeof live.runLiveBench !== 'function') throw new Error('bench/notify-live.ts must export runLiveBench()');
  await live.runLiveBench();
}

console.log('== digests ==');
await digestBench();
console.log('== live subscriptions ==');
await liveBench();
