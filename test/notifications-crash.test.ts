/**
 * Exactly-once digests across a crash: the worker is killed (SIGKILL) while the SMTP server holds
 * its digest mid-DATA. Started again, it sends that digest once — the same message, same
 * Message-ID — and the updates published while it was down in a digest of their own: nothing
 * twice, nothing lost.
 */
import { createAccount } from '../shared/auth/accounts.js';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { createMigratedTestDatabase } from './support/database.js';
import { FIRM, seedFirm } from './support/firm.js';
import { postGraphQL } from './support/graphql.js';
import { startGraph, type RunningGraph } from './support/graph.js';
import { killProcess, runFile, stopProcess, waitFor, type RunningProcess } from './support/processes.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';
import { ensureAnnounceColumn, publishUpdates } from './support/updates.js';

const PASSWORD = 'correct horse battery staple';
const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms).unref())]);

describe('a worker killed mid-digest', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let smtp: TestSmtp;
  let graph: RunningGraph;
  const workers: RunningProcess[] = [];
  let env: NodeJS.ProcessEnv;
  const startWorker = () => {
    const worker = runFile('test/support/notification-worker-process.ts', env);
    workers.push(worker);
    return worker;
  };
  const notifications = async () => (await testDb.db.dataSource.query(
    `SELECT title, status, delivery_id FROM notifications.notifications WHERE client_id = $1 ORDER BY created_at`, [FIRM.ava.id],
  )) as Array<{ title: string; status: string; delivery_id: string | null }>;
  const output = () => workers.map((w) => `--- ${w.name}\n${w.output()}`).join('\n');

  beforeAll(async () => {
    smtp = await startTestSmtp();
    testDb = await createMigratedTestDatabase();
    await seedFirm(testDb.db.dataSource);
    await ensureAnnounceColumn(testDb.db.dataSource);
    await createAccount(testDb.db.dataSource, { email: FIRM.ava.email, password: PASSWORD, role: 'CLIENT', clientId: FIRM.ava.id });
    env = {
      DATABASE_URL: testDb.url, EMBEDDED_DATABASE: String(!process.env.DATABASE_URL), SMTP_URL: smtp.url, LOG_LEVEL: 'warn', NODE_ENV: 'test',
      DIGEST_WINDOW_SECONDS: '1', NOTIFY_POLL_SECONDS: '0.5', NOTIFY_RETRY_SECONDS: '2',
    };
    graph = await startGraph({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), dataSource: testDb.db.dataSource, logger: createLogger('test', 'silent') });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => stopProcess(w)));
    await graph?.close();
    await smtp?.close();
    await testDb?.drop();
  });

  it('sends the interrupted digest once after a restart and loses nothing published meanwhile', async () => {
    smtp.mode = 'stall';
    const first = startWorker();
    const dataStarted = smtp.nextData();
    await publishUpdates(testDb.db.dataSource, [
      { matterId: '501', clientId: FIRM.ava.id, title: 'Expert report shared' },
      { matterId: '502', clientId: FIRM.ava.id, title: 'Lease comments shared' },
      { matterId: '501', clientId: FIRM.ava.id, title: 'Deposition transcript shared' },
    ]);
    await within(dataStarted, 60_000, `the digest never reached DATA\n${output()}`);
    await killProcess(first);

    const interrupted = await notifications();
    expect(interrupted.map((n) => n.status)).toEqual(['CLAIMED', 'CLAIMED', 'CLAIMED']);
    expect(new Set(interrupted.map((n) => n.delivery_id)).size).toBe(1);
    expect(smtp.inbox).toEqual([]);

    // Published while no worker runs: the restarted one must pick these up too.
    await publishUpdates(testDb.db.dataSource, [
      { matterId: '501', clientId: FIRM.ava.id, title: 'Hearing notice shared' },
      { matterId: '502', clientId: FIRM.ava.id, title: 'Invoice INV-3001 issued', category: 'INVOICE' },
    ]);
    smtp.mode = 'accept';
    startWorker();
    await waitFor(async () => (await notifications()).filter((n) => n.status === 'SENT').length === 5, 60_000, output);

    const [claimed] = await testDb.db.dataSource.query(`SELECT message_id, attempts FROM notifications.deliveries WHERE id = $1`, [interrupted[0]!.delivery_id]);
    expect(claimed.attempts).toBe(2);
    expect(smtp.inbox.map((m) => m.messageId).sort()).toEqual(
      (await testDb.db.dataSource.query(`SELECT message_id FROM notifications.deliveries ORDER BY message_id`)).map((d: { message_id: string }) => d.message_id),
    );
    expect(smtp.inbox).toHaveLength(2);
    const resent = smtp.inbox.find((m) => m.messageId === claimed.message_id)!;
    for (const title of ['Expert report shared', 'Lease comments shared', 'Deposition transcript shared']) expect(resent.text).toContain(title);
    const later = smtp.inbox.find((m) => m.messageId !== claimed.message_id)!;
    for (const title of ['Hearing notice shared', 'Invoice INV-3001 issued']) expect(later.text).toContain(title);
    expect(later.text).not.toContain('Expert report shared');

    const base = graph.gatewayUrl.replace(/\/graphql$/, '');
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: FIRM.ava.email, password: PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    const listed = await postGraphQL<{ notifications: { nodes: Array<{ emailStatus: string }> } }>(graph.gatewayUrl, '{ notifications { nodes { emailStatus } } }', {}, { authorization: `Bearer ${token}` });
    expect(listed.body.data!.notifications.nodes.map((n) => n.emailStatus)).toEqual(Array(5).fill('EMAILED'));
  }, 120_000);
});
