/**
 * Connecting the firm's Clio account over OAuth, against the CMS simulator's authorization server
 * with real HTTP and a real database: an admin connects (authorize → Allow → callback), the worker
 * imports with the stored, encrypted token, refreshes it before expiry (the rotated refresh token
 * replaces the old one, which Clio then refuses), two refreshers at once make one refresh, a
 * revocation stops the sync and is reported once, and reconnecting resumes from the cursors.
 */
import { randomBytes } from 'node:crypto';
import { loadSimulatorConfig } from '../legacy/config.js';
import { createAccount } from '../shared/auth/accounts.js';
import { DEFAULT_SIM_TOKEN, loadConfig } from '../shared/config.js';
import { loadChatbotConfig } from '../chatbot/config.js';
import { createLogger } from '../shared/logger.js';
import { startSystem, type System } from '../system/start-system.js';
import { connectionTokenProvider } from '../subgraphs/ingest/index.js';
import { decryptSecret } from '../subgraphs/ingest/connections/secrets.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { freePort, waitFor } from './support/processes.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';
import { testEnv } from './support/system.js';

const CLIENT_ID = 'casebridge-test-app';
const CLIENT_SECRET = 'casebridge-test-secret';
const KEY = randomBytes(32);
const silent = createLogger('test', 'silent');

interface Row { status: string; access_token: string | null; refresh_token: string | null; expires_at: Date | null }

describe('connecting the firm\'s Clio account', () => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  let system: System;
  let base: string;
  let cmsUrl: string;
  let config: ReturnType<typeof loadConfig>;
  let admin: string;

  const connection = async (): Promise<Row> => (await system.database.dataSource.query(`SELECT * FROM "sync"."legacy_connections" WHERE provider = 'clio'`))[0];
  const login = async (email: string, password: string) => {
    const response = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  };
  const health = async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: '{ syncHealth { system connection { provider status connectedAt revokedAt } } }' }),
    });
    const body = (await response.json()) as { data: { syncHealth: Array<{ system: string; connection: { provider: string; status: string; connectedAt: string | null; revokedAt: string | null } | null }> } };
    return Object.fromEntries(body.data.syncHealth.map((h) => [h.system, h.connection]));
  };
  const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' as const });

  /** GET /connect/clio as the admin, then Clio's approval page and Allow: the callback URL and the browser cookie. */
  async function approve(): Promise<{ callback: URL; cookie: string }> {
    const start = await fetch(`${base}/connect/clio`, { headers: { authorization: `Bearer ${admin}` }, redirect: 'manual' });
    expect(start.status).toBe(302);
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin + authorize.pathname).toBe(`${cmsUrl}/oauth/authorize`);
    const page = await fetch(authorize);
    const html = await page.text();
    expect(html).toContain('Allow');
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)))]));
    const allowed = await fetch(`${cmsUrl}/oauth/authorize`, form({ ...fields, decision: 'allow' }));
    expect(allowed.status).toBe(302);
    return { callback: new URL(allowed.headers.get('location')!), cookie };
  }

  async function connect(): Promise<void> {
    const { callback, cookie } = await approve();
    const done = await fetch(callback, { headers: { cookie } });
    expect(await done.text()).toContain('Connected');
    expect(done.status).toBe(200);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startTestSmtp();
    const [gatewayPort, cmsPort] = [await freePort(), await freePort()];
    base = `http://127.0.0.1:${gatewayPort}`;
    cmsUrl = `http://127.0.0.1:${cmsPort}`;
    const env = testEnv({
      DATABASE_URL: database.url, PORT: String(gatewayPort), CMS_SIM_PORT: String(cmsPort), PUBLIC_URL: base, SMTP_URL: smtp.url,
      CLIO_CLIENT_ID: CLIENT_ID, CLIO_CLIENT_SECRET: CLIENT_SECRET, CLIO_BASE_URL: cmsUrl, SECRETS_KEY: KEY.toString('base64'),
      SIM_OAUTH_CLIENT_ID: CLIENT_ID, SIM_OAUTH_CLIENT_SECRET: CLIENT_SECRET, SIM_OAUTH_REDIRECT_URIS: `${base}/connect/clio/callback`,
    });
    config = loadConfig(env);
    system = await startSystem(config, loadSimulatorConfig(env), silent, loadChatbotConfig(env));
    await createAccount(system.database.dataSource, { email: 'it@smithjones.example', password: 'connect-clio-1', role: 'ADMIN', staffId: null });
    await createAccount(system.database.dataSource, { email: 'clerk@smithjones.example', password: 'connect-clio-2', role: 'STAFF', staffId: '999' });
    admin = await login('it@smithjones.example', 'connect-clio-1');
  });
  afterAll(async () => {
    await system?.close();
    await smtp?.close();
    await database?.drop();
  });

  it('syncs nothing from Clio before an admin connects', async () => {
    await system.syncNow();
    expect(await system.database.dataSource.query(`SELECT count(*)::int AS n FROM matters.matters`)).toEqual([{ n: 0 }]);
    expect(await health()).toEqual({ cms: { provider: 'clio', status: 'NOT_CONNECTED', connectedAt: null, revokedAt: null }, dms: null, billing: expect.objectContaining({ status: 'NOT_CONNECTED' }) });
  });

  it('refuses /connect/clio to staff who are not admins, and to anonymous callers', async () => {
    const staff = await login('clerk@smithjones.example', 'connect-clio-2');
    expect((await fetch(`${base}/connect/clio`, { headers: { authorization: `Bearer ${staff}` }, redirect: 'manual' })).status).toBe(403);
    expect((await fetch(`${base}/connect/clio`, { redirect: 'manual' })).status).toBe(401);
    // An API caller asking for JSON gets the URL to open.
    const asJson = await fetch(`${base}/connect/clio`, { headers: { authorization: `Bearer ${admin}`, accept: 'application/json' } });
    expect(await asJson.json()).toEqual({ url: expect.stringMatching(new RegExp(`^${cmsUrl}/oauth/authorize\\?response_type=code&client_id=${CLIENT_ID}&redirect_uri=.+&state=.+`)) });
  });

  it('refuses a callback with a wrong state, and a state without its browser cookie', async () => {
    const { callback, cookie } = await approve();
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state');
    expect((await fetch(forged, { headers: { cookie } })).status).toBe(400);
    // The real state, from another browser (no cookie): refused, and the state is spent.
    expect((await fetch(callback)).status).toBe(400);
    expect((await fetch(callback, { headers: { cookie } })).status).toBe(400);
    expect(await connection()).toBeUndefined();
  });

  it('connects with Allow, stores the tokens encrypted and imports with the OAuth token', async () => {
    await connect();
    const row = await connection();
    expect(row.status).toBe('CONNECTED');
    expect(row.access_token).toMatch(/^v1\./);
    const access = decryptSecret(row.access_token!, KEY);
    expect(row.access_token).not.toContain(access);
    // The token works at the CMS's API.
    expect((await fetch(`${cmsUrl}/api/v4/matters.json?limit=1`, { headers: { authorization: `Bearer ${access}` } })).status).toBe(200);
    await system.syncNow();
    const [{ n }] = await system.database.dataSource.query(`SELECT count(*)::int AS n FROM matters.matters`);
    expect(n).toBeGreaterThan(0);
    expect(system.worker.clients.cms.http.stats.requests).toBeGreaterThan(0);
  });

  it('refuses a replayed authorization code', async () => {
    const { callback, cookie } = await approve();
    const code = callback.searchParams.get('code')!;
    const exchange = (c: string) => fetch(`${cmsUrl}/oauth/token`, form({ grant_type: 'authorization_code', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code: c, redirect_uri: `${base}/connect/clio/callback` }));
    expect((await exchange(code)).status).toBe(200);
    const replay = await exchange(code);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
    // casebridge's callback with the spent code: refused, the connection untouched.
    const before = await connection();
    expect((await fetch(callback, { headers: { cookie } })).status).toBe(400);
    expect((await connection()).access_token).toBe(before.access_token);
  });

  it('refreshes an expiring token before use; the rotated-out refresh token is refused', async () => {
    system.simulators!.oauth.setAccessTokenTtl(2);
    await connect();
    const before = await connection();
    const oldRefresh = decryptSecret(before.refresh_token!, KEY);
    // Half the 2 s lifetime is the refresh margin.
    await waitFor(async () => Date.now() >= before.expires_at!.getTime() - 1000, 5000, () => 'the token never came close to expiry');
    await system.syncNow();
    const after = await connection();
    expect(after.status).toBe('CONNECTED');
    expect(decryptSecret(after.refresh_token!, KEY)).not.toBe(oldRefresh);
    const reuse = await fetch(`${cmsUrl}/oauth/token`, form({ grant_type: 'refresh_token', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, refresh_token: oldRefresh }));
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('two refreshers at once make one refresh and lose no token', async () => {
    const before = await connection();
    await waitFor(async () => Date.now() >= before.expires_at!.getTime() - 1000, 5000, () => 'the token never came close to expiry');
    const providers = [1, 2].map(() => connectionTokenProvider({ dataSource: system.database.dataSource, clio: config.clio!, logger: silent, onRevoked: async () => undefined }));
    const [a, b] = await Promise.all(providers.map((p) => p.current()));
    // A second refresh would have used the rotated-out token: invalid_grant, REVOKED.
    expect(a).toBe(b);
    const after = await connection();
    expect(after.status).toBe('CONNECTED');
    expect(decryptSecret(after.access_token!, KEY)).toBe(a);
    expect(after.refresh_token).not.toBe(before.refresh_token);
    system.simulators!.oauth.setAccessTokenTtl(3600);
  });

  it('stops syncing when the firm revokes access, tells the admins once, and resumes from the cursors on reconnection', async () => {
    await connect();
    await system.syncNow();
    const cursors = await system.database.dataSource.query(`SELECT resource, updated_since FROM sync.cursors WHERE system = 'cms' ORDER BY resource`);
    const access = decryptSecret((await connection()).access_token!, KEY);
    expect((await fetch(`${cmsUrl}/oauth/deauthorize`, { method: 'POST', headers: { authorization: `Bearer ${access}` } })).status).toBe(200);

    await system.syncNow().catch(() => undefined);
    expect((await connection()).status).toBe('REVOKED');
    expect((await health()).cms).toMatchObject({ status: 'REVOKED', revokedAt: expect.any(String) });
    await system.syncNow();
    await system.syncNow();
    await waitFor(async () => smtp.inbox.length > 0, 10_000, () => 'no mail about the revocation');
    const mails = smtp.inbox.filter((m) => m.subject.includes('lost access to Clio'));
    const admins: Array<{ email: string }> = await system.database.dataSource.query(`SELECT email FROM identity.accounts WHERE role = 'ADMIN' AND NOT disabled`);
    expect(mails.flatMap((m) => m.to).sort()).toEqual(admins.map((a) => a.email).sort());
    expect(await system.database.dataSource.query(`SELECT resource, updated_since FROM sync.cursors WHERE system = 'cms' ORDER BY resource`)).toEqual(cursors);

    // A change made while disconnected arrives after reconnection, from the kept cursors.
    const [matter] = await system.database.dataSource.query(`SELECT id FROM matters.matters ORDER BY id LIMIT 1`);
    const patched = await fetch(`${cmsUrl}/api/v4/matters/${matter.id}.json`, {
      method: 'PATCH', headers: { authorization: `Bearer ${DEFAULT_SIM_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ data: { description: 'Changed while disconnected' } }),
    });
    expect(patched.status).toBe(200);
    await connect();
    const imported = async () => system.database.dataSource.query(`SELECT resource, imported_at FROM sync.cursors WHERE system = 'cms' ORDER BY resource`);
    const importedBefore = await imported();
    await system.syncNow();
    const [row] = await system.database.dataSource.query(`SELECT title FROM matters.matters WHERE id = $1`, [matter.id]);
    expect(row.title).toContain('Changed while disconnected');
    expect((await health()).billing).toMatchObject({ status: 'CONNECTED', revokedAt: null });
    // Incremental from the kept cursors: the first import is not done again.
    expect(await imported()).toEqual(importedBefore);
    expect(smtp.inbox.filter((m) => m.subject.includes('lost access to Clio'))).toHaveLength(mails.length);
  });

  it('takes invalid_grant on refresh as a revocation too: REVOKED, and the admins are told once more', async () => {
    const told = smtp.inbox.length;
    system.simulators!.oauth.setAccessTokenTtl(2);
    await connect();
    system.simulators!.oauth.setAccessTokenTtl(3600);
    const row = await connection();
    // Revoked by its refresh token, as from Clio's side; the access token is not tried before it expires.
    expect((await fetch(`${cmsUrl}/oauth/deauthorize`, form({ token: decryptSecret(row.refresh_token!, KEY) }))).status).toBe(200);
    await waitFor(async () => Date.now() >= row.expires_at!.getTime() - 1000, 5000, () => 'the token never came close to expiry');
    await system.syncNow().catch(() => undefined);
    expect(await connection()).toMatchObject({ status: 'REVOKED', access_token: null, refresh_token: null });
    const admins: Array<{ email: string }> = await system.database.dataSource.query(`SELECT email FROM identity.accounts WHERE role = 'ADMIN' AND NOT disabled`);
    // One mail per admin, sent one after another: wait for all of them, then make sure no more come.
    await waitFor(async () => smtp.inbox.length - told >= admins.length, 10_000, () => 'not every admin was told of the second revocation');
    await system.syncNow();
    expect(smtp.inbox.length - told).toBe(admins.length);
  });
});
