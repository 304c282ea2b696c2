/**
 * A firm's mail relay that takes its time to accept a message (RFC 5321 allows it ten minutes for
 * the final ".") must still get each digest once: a sender that gave up on it, or a second worker
 * that took the message over while the first was waiting, made 12 digests arrive 72 times.
 */
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { startNotificationWorker } from './support/notification-worker.js';
import { createMigratedTestDatabase } from './support/database.js';
import { seedFirm } from './support/firm.js';
import { waitFor } from './support/processes.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';
import { ensureAnnounceColumn, publishUpdates, seedClients } from './support/updates.js';

const silent = createLogger('test', 'silent');

describe('notification email through a slow relay', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let smtp: TestSmtp;
  const workers: Array<Awaited<ReturnType<typeof startNotificationWorker>>> = [];

  const deliveries = async (ids: readonly string[]) => (await testDb.db.dataSource.query(
    `SELECT client_id, status, attempts FROM notifications.deliveries WHERE client_id = ANY($1) ORDER BY client_id`, [ids],
  )) as Array<{ client_id: string; status: string; attempts: number }>;

  /** Publishes one digest's worth of news to each client and waits until every digest is marked sent. */
  const digestsTo = async (ids: readonly string[]) => {
    await seedClients(testDb.db.dataSource, ids);
    await publishUpdates(testDb.db.dataSource, ids.flatMap((id) => [1, 2].map((n) => ({ matterId: `m${id}`, clientId: id, title: `News ${n} for ${id}` }))));
    await waitFor(async () => {
      const rows = await deliveries(ids);
      return rows.length === ids.length && rows.every((d) => d.status === 'SENT');
    }, 40_000, () => `not every digest was marked sent: ${JSON.stringify(smtp.inbox.length)} message(s) received`);
    return smtp.inbox.filter((m) => ids.some((id) => m.to.includes(`client${id}@example.com`)));
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    testDb = await createMigratedTestDatabase();
    await seedFirm(testDb.db.dataSource);
    await ensureAnnounceColumn(testDb.db.dataSource);
    const config = loadConfig({
      NODE_ENV: 'test', LOG_LEVEL: 'silent', SMTP_URL: smtp.url,
      DIGEST_WINDOW_SECONDS: '1', NOTIFY_POLL_SECONDS: '0.5', NOTIFY_RETRY_SECONDS: '2',
    });
    for (let i = 0; i < 2; i += 1) {
      workers.push(await startNotificationWorker({ config, databaseUrl: testDb.url, embedded: !process.env.DATABASE_URL, logger: silent, processEveryMs: 200, lockLifetimeMs: 2000 }));
    }
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await smtp?.close();
    await testDb?.drop();
  });

  it('delivers each of 12 digests exactly once when the relay takes 1.5 s to accept each (NOTIFY_RETRY_SECONDS=2)', async () => {
    smtp.acceptDelayMs = 1500;
    const ids = Array.from({ length: 12 }, (_, i) => String(400 + i));
    const mail = await digestsTo(ids);
    expect(mail).toHaveLength(12);
    for (const id of ids) expect(mail.filter((m) => m.to.includes(`client${id}@example.com`))).toHaveLength(1);
    expect(new Set(mail.map((m) => m.messageId)).size).toBe(12);
    expect((await deliveries(ids)).map((d) => d.attempts)).toEqual(ids.map(() => 1));
  }, 60_000);

  it('keeps the message leased while the relay takes twice the lease, so the other worker never sends it too', async () => {
    smtp.acceptDelayMs = 4000;
    const ids = ['420', '421'];
    const mail = await digestsTo(ids);
    expect(mail.map((m) => m.to).sort()).toEqual([['client420@example.com'], ['client421@example.com']]);
    expect((await deliveries(ids)).map((d) => d.attempts)).toEqual([1, 1]);
  }, 60_000);
});
