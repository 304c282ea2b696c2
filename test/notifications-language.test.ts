/**
 * A client who reads Spanish chooses "Español" once, and from then on everything the firm emails
 * them is in Spanish: the digest's words around the news, the news itself as the rules wrote it
 * (dates and money as a Spanish reader writes them), and the sign-in link. A language the portal
 * does not speak is refused and changes nothing. Real rules, worker, gateway and SMTP server.
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
import { markImported, runRulesToTheEnd, schedule } from './support/rules-seed.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';
import { ensureAnnounceColumn } from './support/updates.js';

const PASSWORD = 'correct horse battery staple';
const silent = createLogger('test', 'silent');
const PREFS = 'query { notificationPreferences { frequency language } }';
const UPDATE_PREFS = 'mutation U($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { frequency language } }';
const SPANISH_MONTH = /\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)/;

describe('email in the client\'s language', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let graph: RunningGraph;
  let smtp: TestSmtp;
  let worker: Awaited<ReturnType<typeof startNotificationWorker>>;
  let token = '';
  let base = '';
  const gql = <T>(query: string, variables: Record<string, unknown> = {}) => postGraphQL<T>(graph.gatewayUrl, query, variables, { authorization: `Bearer ${token}` });
  const mailToAva = () => smtp.inbox.filter((m) => m.to.includes(FIRM.ava.email));
  const config = (smtpUrl: string) => loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', SMTP_URL: smtpUrl, PUBLIC_URL: 'https://portal.smithjones.example',
    DIGEST_WINDOW_SECONDS: '1', NOTIFY_POLL_SECONDS: '0.5', NOTIFY_RETRY_SECONDS: '1',
  });

  beforeAll(async () => {
    smtp = await startTestSmtp();
    testDb = await createMigratedTestDatabase();
    const { dataSource } = testDb.db;
    await seedFirm(dataSource);
    await ensureAnnounceColumn(dataSource);
    await createAccount(dataSource, { email: FIRM.ava.email, password: PASSWORD, role: 'CLIENT', clientId: FIRM.ava.id });
    graph = await startGraph({ config: config(smtp.url), dataSource, logger: silent });
    base = graph.gatewayUrl.replace(/\/graphql$/, '');
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: FIRM.ava.email, password: PASSWORD }) });
    token = ((await login.json()) as { token: string }).token;
    worker = await startNotificationWorker({
      config: config(smtp.url), databaseUrl: testDb.url, embedded: !process.env.DATABASE_URL, logger: silent, processEveryMs: 200, lockLifetimeMs: 2000,
    });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await graph?.close();
    await smtp?.close();
    await testDb?.drop();
  });

  it('refuses a language other than en or es and changes nothing', async () => {
    const before = await gql<{ notificationPreferences: unknown }>(PREFS);
    expect(before.body.data!.notificationPreferences).toEqual({ frequency: 'HOURLY', language: 'en' });
    for (const language of ['fr', 'ES', '', 'español']) {
      const refused = await gql(UPDATE_PREFS, { input: { language, frequency: 'DAILY' } });
      expect(refused.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^input\.language: must be "en" \(English\) or "es" \(Español\)\. Nothing was changed\./), extensions: { code: 'BAD_USER_INPUT' } });
    }
    expect((await gql<{ notificationPreferences: unknown }>(PREFS)).body.data!.notificationPreferences).toEqual(before.body.data!.notificationPreferences);
    expect(await testDb.db.dataSource.query(`SELECT * FROM notifications.preferences`)).toEqual([]);
  });

  it('writes the next digest in Spanish once the client chose es through the graph, news and dates included', async () => {
    const chosen = await gql<{ updateNotificationPreferences: unknown }>(UPDATE_PREFS, { input: { language: 'es' } });
    expect(chosen.body.errors).toBeUndefined();
    expect(chosen.body.data!.updateNotificationPreferences).toEqual({ frequency: 'HOURLY', language: 'es' });

    // A hearing in a month (not urgent: it waits for the digest), decided by the firm's rules.
    const { dataSource } = testDb.db;
    await markImported(dataSource);
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    await schedule(dataSource, { id: 'calendar:es-1', matterId: FIRM.matters.avaLitigation.id, kind: 'HEARING', title: 'Audiencia preliminar', startsAt, location: 'Sala 4B' });
    await runRulesToTheEnd(dataSource);
    await waitFor(async () => mailToAva().length > 0, 20_000, () => 'no digest reached the SMTP server');

    const [digest] = mailToAva();
    expect(digest!.subject).toBe('Su resumen horario del caso de Smith & Jones LLP');
    const text = digest!.text;
    expect(text).toContain('Estimado/a Ava Martin:');
    expect(text).toContain('Esto es lo que ha cambiado en sus asuntos desde nuestra última comunicación:');
    expect(text).toMatch(new RegExp(`• Audiencia preliminar el ${SPANISH_MONTH.source}`));
    expect(text).toMatch(/está programada para el .* a las \d\d:\d\d en Sala 4B\./);
    expect(text).toContain('Abrir en el portal: https://portal.smithjones.example/matters/501');
    expect(text).toContain('<html lang="es">');
    expect(text).not.toMatch(/Dear |Here is what changed|is scheduled for/);
  });

  it('sends the sign-in link in her saved language, whatever the browser asked for', async () => {
    const before = mailToAva().length;
    const asked = await fetch(`${base}/auth/sign-in-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: FIRM.ava.email, language: 'en' }) });
    expect(asked.status).toBe(202);
    await waitFor(async () => mailToAva().length > before, 15_000, () => 'no sign-in link mail');
    const link = mailToAva()[before]!;
    // Her saved choice wins over the browser's.
    expect(link.subject).toBe('Su enlace de acceso a Smith & Jones LLP');
    expect(link.text).toMatch(/Abra este enlace para entrar en su portal de cliente:/);
    expect(link.text).toMatch(/sign-in-link=[A-Za-z0-9_-]{43}/);

    const refused = await fetch(`${base}/auth/sign-in-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: FIRM.ava.email, language: 'fr' }) });
    expect(refused.status).toBe(400);
  });
});
