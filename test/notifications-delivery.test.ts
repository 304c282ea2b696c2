/**
 * A client gets one clear message per digest window, not a stream of interruptions — except when
 * something urgent cannot wait — and only as their preferences allow. Updates are published as the
 * rules publish them (matter update rows + outbox events); the worker's notifications jobs turn
 * them into mail to a real SMTP server; the client reads and configures it all through the gateway.
 */
import { createAccount } from '../shared/auth/accounts.js';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { startNotificationWorker } from './support/notification-worker.js';
import { createMigratedTestDatabase } from './support/database.js';
import { FIRM, seedFirm } from './support/firm.js';
import { postGraphQL } from './support/graphql.js';
import { startGraph, type RunningGraph } from './support/graph.js';
import { waitFor } from './support/processes.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';
import { ensureAnnounceColumn, publishUpdates, seedClients, withdrawUpdate } from './support/updates.js';

const PASSWORD = 'correct horse battery staple';
const PORTAL = 'https://portal.smithjones.example';
const silent = createLogger('test', 'silent');
const PREFS = 'query { notificationPreferences { frequency dailyHour timeZone quietHours { start end } } }';
const UPDATE_PREFS = 'mutation U($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { frequency dailyHour timeZone quietHours { start end } } }';
const LIST = '{ notifications(first: 50) { nodes { title urgent category emailStatus matter { id } } } }';

describe('notification email', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let graph: RunningGraph;
  let smtp: TestSmtp;
  const workers: Array<Awaited<ReturnType<typeof startNotificationWorker>>> = [];
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  const gql = <T>(who: string, query: string, variables: Record<string, unknown> = {}) => postGraphQL<T>(graph.gatewayUrl, query, variables, as(who));
  const mailTo = (email: string) => smtp.inbox.filter((m) => m.to.includes(email));
  const statuses = async (clientId: string) => (await testDb.db.dataSource.query(
    `SELECT title, status, urgent, due_at FROM notifications.notifications WHERE client_id = $1 ORDER BY created_at, title`, [clientId],
  )) as Array<{ title: string; status: string; urgent: boolean; due_at: Date | null }>;
  const waitForStatus = (clientId: string, title: string, status: string) => waitFor(
    async () => (await statuses(clientId)).some((n) => n.title === title && n.status === status), 20_000,
    () => `"${title}" of client ${clientId} never became ${status}`,
  );

  const config = (smtpUrl: string) => loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', SMTP_URL: smtpUrl, PUBLIC_URL: PORTAL,
    DIGEST_WINDOW_SECONDS: '2', NOTIFY_POLL_SECONDS: '0.5', NOTIFY_RETRY_SECONDS: '1',
  });
  const startWorker = async () => {
    const worker = await startNotificationWorker({
      config: config(smtp.url), databaseUrl: testDb.url, embedded: !process.env.DATABASE_URL, logger: silent, processEveryMs: 200, lockLifetimeMs: 2000,
    });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    testDb = await createMigratedTestDatabase();
    const { dataSource } = testDb.db;
    await seedFirm(dataSource);
    await ensureAnnounceColumn(dataSource);
    await seedClients(dataSource, ['201', '202']);
    for (const [, email, clientId] of [['ava', FIRM.ava.email, FIRM.ava.id], ['ben', FIRM.ben.email, FIRM.ben.id], ['c201', 'client201@example.com', '201'], ['c202', 'client202@example.com', '202']] as const) {
      await createAccount(dataSource, { email, password: PASSWORD, role: 'CLIENT', clientId });
    }
    await createAccount(dataSource, { email: FIRM.sarah.email, password: PASSWORD, role: 'STAFF', staffId: FIRM.sarah.id });
    graph = await startGraph({ config: config(smtp.url), dataSource, logger: silent });
    const base = graph.gatewayUrl.replace(/\/graphql$/, '');
    for (const [who, email] of [['ava', FIRM.ava.email], ['ben', FIRM.ben.email], ['c201', 'client201@example.com'], ['c202', 'client202@example.com'], ['sarah', FIRM.sarah.email]] as const) {
      const response = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
      tokens[who] = ((await response.json()) as { token: string }).token;
    }
    await startWorker();
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await graph?.close();
    await smtp?.close();
    await testDb?.drop();
  });

  it('sends a burst of updates as one hourly digest with every item, grouped by matter, with portal and preference links', async () => {
    await publishUpdates(testDb.db.dataSource, [
      { matterId: '501', clientId: FIRM.ava.id, title: 'New document shared: Expert report', category: 'DOCUMENT' },
      { matterId: '502', clientId: FIRM.ava.id, title: 'Invoice INV-2001 issued', category: 'INVOICE' },
      { matterId: '501', clientId: FIRM.ava.id, title: 'Mediation session added', category: 'HEARING' },
    ]);
    await waitFor(async () => (await statuses(FIRM.ava.id)).filter((n) => n.status === 'SENT').length === 3, 20_000, () => 'the digest never left');
    const mail = mailTo(FIRM.ava.email);
    expect(mail).toHaveLength(1);
    const { text, subject, messageId } = mail[0]!;
    expect(subject).toBe('Your hourly case update from Smith & Jones LLP');
    const [delivery] = await testDb.db.dataSource.query(`SELECT id, item_count FROM notifications.deliveries WHERE client_id = $1`, [FIRM.ava.id]);
    expect(delivery.item_count).toBe(3);
    expect(messageId).toBe(`<notification-${delivery.id}@smithjones.example>`);
    expect(text).toMatch(/Content-Type: text\/plain/);
    expect(text).toMatch(/Content-Type: text\/html/);
    expect(text).toMatch(/^List-Unsubscribe: <https:\/\/portal\.smithjones\.example\/settings\/notifications>/m);
    // Text part: each matter once, its items beneath it, in the order they happened.
    const plain = text.slice(text.indexOf('Dear Ava Martin'));
    const order = ['Martin v. Acme Corp (00501-Martin)', '• New document shared: Expert report', '• Mediation session added',
      `${PORTAL}/matters/501`, 'Martin lease review (00502-Martin)', '• Invoice INV-2001 issued', `${PORTAL}/matters/502`, `${PORTAL}/settings/notifications`];
    const positions = order.map((s) => plain.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('<li><strong>Invoice INV-2001 issued</strong>');

    // Each notification is announced on the outbox for the live subscriptions.
    const added = await testDb.db.dataSource.query(`SELECT payload FROM events.outbox WHERE type = 'notification.added' AND client_id = $1`, [FIRM.ava.id]);
    expect(added.map((e: { payload: { notificationId: string; matterId: string } }) => e.payload.matterId).sort()).toEqual(['501', '501', '502']);
    const listed = await gql<{ notifications: { nodes: Array<{ title: string; urgent: boolean; category: string; emailStatus: string; matter: { id: string } }> } }>('ava', LIST);
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data!.notifications.nodes.map((n) => [n.title, n.category, n.urgent, n.emailStatus]).sort()).toEqual([
      ['Invoice INV-2001 issued', 'INVOICE', false, 'EMAILED'], ['Mediation session added', 'HEARING', false, 'EMAILED'], ['New document shared: Expert report', 'DOCUMENT', false, 'EMAILED'],
    ]);
  });

  it('reads and validates preferences through the gateway: clients only, their own, bad input changes nothing', async () => {
    const initial = await gql<{ notificationPreferences: unknown }>('ben', PREFS);
    expect(initial.body.data!.notificationPreferences).toEqual({ frequency: 'HOURLY', dailyHour: 8, timeZone: 'UTC', quietHours: null });
    for (const [input, message] of [
      [{ timeZone: 'Mars/Olympus_Mons' }, /input\.timeZone: must be an IANA time zone/],
      [{ dailyHour: 24 }, /input\.dailyHour: must be an hour from 0 to 23/],
      [{ quietHours: { start: '25:00', end: '07:00' } }, /input\.quietHours\.start: must be a 24-hour local time HH:MM/],
      [{ quietHours: { start: '22:00', end: '22:00' } }, /start and end must differ/],
    ] as const) {
      const refused = await gql('ben', UPDATE_PREFS, { input });
      expect([refused.body.errors?.[0]?.extensions?.code, refused.body.errors?.[0]?.message]).toEqual(['BAD_USER_INPUT', expect.stringMatching(message)]);
      expect(refused.body.errors?.[0]?.message).toMatch(message);
    }
    expect((await gql<{ notificationPreferences: unknown }>('ben', PREFS)).body.data!.notificationPreferences).toEqual(initial.body.data!.notificationPreferences);
    expect((await gql('sarah', PREFS)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql('sarah', UPDATE_PREFS, { input: { frequency: 'OFF' } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('sends urgent news at once to a client on a daily digest, and keeps the rest for their local hour', async () => {
    const hour = (new Date().getUTCHours() + 20) % 24; // Tokyo is UTC+9: never the current hour there
    const set = await gql<{ updateNotificationPreferences: unknown }>('ben', UPDATE_PREFS, { input: { frequency: 'DAILY', dailyHour: hour, timeZone: 'Asia/Tokyo' } });
    expect(set.body.data!.updateNotificationPreferences).toEqual({ frequency: 'DAILY', dailyHour: hour, timeZone: 'Asia/Tokyo', quietHours: null });
    await publishUpdates(testDb.db.dataSource, [
      { matterId: '503', clientId: FIRM.ben.id, title: 'Probate hearing moved to Monday', category: 'HEARING', urgent: true },
      { matterId: '503', clientId: FIRM.ben.id, title: 'Inventory filed', category: 'DOCUMENT' },
    ]);
    await waitForStatus(FIRM.ben.id, 'Probate hearing moved to Monday', 'SENT');
    const mail = mailTo(FIRM.ben.email);
    expect(mail.map((m) => m.subject)).toEqual(['Urgent: Probate hearing moved to Monday (Smith & Jones LLP)']);
    expect(mail[0]!.text).not.toContain('Inventory filed');
    const waiting = (await statuses(FIRM.ben.id)).find((n) => n.title === 'Inventory filed')!;
    expect(waiting.status).toBe('PENDING');
    const tokyo = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(waiting.due_at!);
    expect(tokyo).toBe(`${String(hour).padStart(2, '0')}:00`);
  });

  it('holds non-urgent mail during quiet hours in the client\'s time zone, but not urgent mail', async () => {
    const local = (offsetMinutes: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(new Date(Date.now() + offsetMinutes * 60_000));
    const quietHours = { start: local(-60), end: local(180) };
    const set = await gql('c201', UPDATE_PREFS, { input: { timeZone: 'America/New_York', quietHours } });
    expect(set.body.errors).toBeUndefined();
    await publishUpdates(testDb.db.dataSource, [
      { matterId: 'm201', clientId: '201', title: 'Court filing accepted' },
      { matterId: 'm201', clientId: '201', title: 'Deadline tomorrow: sign the affidavit', category: 'DEADLINE', urgent: true },
    ]);
    await waitForStatus('201', 'Deadline tomorrow: sign the affidavit', 'SENT');
    expect(mailTo('client201@example.com').map((m) => m.subject)).toEqual(['Urgent: Deadline tomorrow: sign the affidavit (Smith & Jones LLP)']);
    const held = (await statuses('201')).find((n) => n.title === 'Court filing accepted')!;
    expect(held.status).toBe('PENDING');
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(held.due_at!)).toBe(quietHours.end);
  });

  it('sends no email to a client who turned it OFF, while the portal still shows everything', async () => {
    expect((await gql('c202', UPDATE_PREFS, { input: { frequency: 'OFF' } })).body.errors).toBeUndefined();
    await publishUpdates(testDb.db.dataSource, [
      { matterId: 'm202', clientId: '202', title: 'Settlement offer received', urgent: true },
      { matterId: 'm202', clientId: '202', title: 'Letter filed' },
    ]);
    await waitFor(async () => (await statuses('202')).length === 2, 20_000, () => 'the notifications were never written');
    expect((await statuses('202')).map((n) => n.status)).toEqual(['PORTAL_ONLY', 'PORTAL_ONLY']);
    const listed = await gql<{ notifications: { nodes: Array<{ title: string; emailStatus: string }> } }>('c202', LIST);
    expect(listed.body.data!.notifications.nodes.map((n) => [n.title, n.emailStatus]).sort()).toEqual([['Letter filed', 'NOT_EMAILED'], ['Settlement offer received', 'NOT_EMAILED']]);
    expect(mailTo('client202@example.com')).toEqual([]);
  });

  it('does not send news that was withdrawn or superseded before the digest left, nor updates not announced', async () => {
    const { dataSource } = testDb.db;
    const sent = mailTo(FIRM.ava.email).length;
    const [hearing, , filed] = await publishUpdates(dataSource, [
      { matterId: '501', clientId: FIRM.ava.id, title: 'Status conference scheduled', category: 'HEARING' },
      { matterId: '501', clientId: FIRM.ava.id, title: 'Internal review noted', announce: false },
      { matterId: '501', clientId: FIRM.ava.id, title: 'Exhibit list filed' },
    ]);
    await publishUpdates(dataSource, [{ matterId: '501', clientId: FIRM.ava.id, title: 'Status conference cancelled', category: 'HEARING', supersedesId: hearing }]);
    await withdrawUpdate(dataSource, { id: filed!, matterId: '501', clientId: FIRM.ava.id });
    await publishUpdates(dataSource, [{ matterId: '502', clientId: FIRM.ava.id, title: 'Lease draft shared' }]);
    await waitForStatus(FIRM.ava.id, 'Lease draft shared', 'SENT');
    const mail = mailTo(FIRM.ava.email).slice(sent);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain('Lease draft shared');
    for (const gone of ['Status conference', 'Internal review', 'Exhibit list']) expect(mail[0]!.text).not.toContain(gone);
    const rows = await statuses(FIRM.ava.id);
    expect(rows.filter((n) => n.title.startsWith('Status conference')).map((n) => [n.title, n.status])).toEqual([
      ['Status conference scheduled', 'WITHDRAWN'], ['Status conference cancelled', 'WITHDRAWN'],
    ]);
    // Withdrawn before the consumer saw it (one batch when polling): never written at all.
    expect(rows.filter((n) => n.title === 'Exhibit list filed' && n.status !== 'WITHDRAWN')).toEqual([]);
    expect(rows.some((n) => n.title === 'Internal review noted')).toBe(false);
    const listed = await gql<{ notifications: { nodes: Array<{ title: string }> } }>('ava', LIST);
    expect(listed.body.data!.notifications.nodes.map((n) => n.title)).not.toContain('Status conference scheduled');
  });

  it('keeps mail the SMTP server refuses and delivers it once when the server is back', async () => {
    smtp.mode = 'reject';
    await publishUpdates(testDb.db.dataSource, [{ matterId: '503', clientId: FIRM.ben.id, title: 'Hearing tomorrow at 9am', category: 'HEARING', urgent: true }]);
    await waitFor(async () => smtp.refused >= 2, 30_000, () => 'the worker never retried');
    expect(mailTo(FIRM.ben.email).filter((m) => m.subject.includes('Hearing tomorrow'))).toEqual([]);
    smtp.mode = 'accept';
    await waitForStatus(FIRM.ben.id, 'Hearing tomorrow at 9am', 'SENT');
    expect(mailTo(FIRM.ben.email).filter((m) => m.subject.includes('Hearing tomorrow'))).toHaveLength(1);
    const [delivery] = await testDb.db.dataSource.query(`SELECT attempts, status, last_error FROM notifications.deliveries WHERE subject LIKE '%Hearing tomorrow%'`);
    expect(delivery).toMatchObject({ status: 'SENT', last_error: null });
    expect(delivery.attempts).toBeGreaterThanOrEqual(3);
  });

  it('with two workers on one database, delivers every notification in exactly one message', async () => {
    await startWorker();
    const ids = Array.from({ length: 20 }, (_, i) => String(300 + i));
    await seedClients(testDb.db.dataSource, ids);
    const before = smtp.inbox.length;
    await publishUpdates(testDb.db.dataSource, ids.flatMap((id) => [1, 2, 3].map((n) => ({ matterId: `m${id}`, clientId: id, title: `Item ${n} for ${id}`, urgent: n === 3 }))));
    await waitFor(async () => {
      const [{ sent }] = await testDb.db.dataSource.query(`SELECT count(*)::int AS sent FROM notifications.notifications WHERE client_id = ANY($1) AND status = 'SENT'`, [ids]);
      return sent === 60;
    }, 30_000, () => 'not every notification was sent');
    const mail = smtp.inbox.slice(before);
    expect(mail).toHaveLength(40); // per client: one digest and one urgent message
    for (const id of ids) {
      expect(mail.filter((m) => m.to.includes(`client${id}@example.com`))).toHaveLength(2);
      for (const n of [1, 2, 3]) expect(mail.filter((m) => m.text.includes(`Item ${n} for ${id}`))).toHaveLength(1);
    }
    expect(new Set(mail.map((m) => m.messageId)).size).toBe(40);
  });
});
