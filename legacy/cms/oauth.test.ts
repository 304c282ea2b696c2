/**
 * The CMS simulator's OAuth 2.0 authorization server, as Clio documents it, over real HTTP: the
 * approval page, Allow and Deny, the token endpoint's grants and errors, expiring access tokens,
 * rotating refresh tokens, deauthorization; and the legacy HTTP client renewing a refused token once.
 */
import { z } from 'zod';
import { LegacyHttpClient, LegacyRequestError } from '../../shared/legacy-http/index.js';
import { createLogger } from '../../shared/logger.js';
import { waitFor } from '../../test/support/processes.js';
import { startTestSimulators, type SimulatorHarness } from '../test-support.js';

const APP = { clientId: 'app-1', clientSecret: 'secret-1', redirectUris: ['https://casebridge.example/connect/clio/callback'] };
const REDIRECT = APP.redirectUris[0]!;

describe('CMS simulator: OAuth 2.0', () => {
  let h: SimulatorHarness;
  let base: string;
  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers, redirect: 'manual' });
  const authorize = (decision: 'allow' | 'deny') =>
    post('/oauth/authorize', { response_type: 'code', client_id: APP.clientId, redirect_uri: REDIRECT, state: 's-1', decision });
  const codeOf = async () => new URL((await authorize('allow')).headers.get('location')!).searchParams.get('code')!;
  const exchange = (code: string) => post('/oauth/token', { grant_type: 'authorization_code', client_id: APP.clientId, client_secret: APP.clientSecret, code, redirect_uri: REDIRECT });
  const refresh = (token: string) => post('/oauth/token', { grant_type: 'refresh_token', client_id: APP.clientId, client_secret: APP.clientSecret, refresh_token: token });
  const tokens = async () => (await (await exchange(await codeOf())).json()) as { access_token: string; refresh_token: string; token_type: string; expires_in: number };
  const api = (token: string) => fetch(`${base}/api/v4/matters.json?limit=1`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    h = await startTestSimulators({ oauth: { apps: [APP] } });
    base = h.sims.cms.url;
  });
  afterAll(() => h.sims.close());

  it('shows an approval page with Allow and Deny, only for a registered client and redirect URI', async () => {
    const page = await fetch(`${base}/oauth/authorize?response_type=code&client_id=app-1&redirect_uri=${encodeURIComponent(REDIRECT)}&state=xyz`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/value="allow">Allow/);
    expect(html).toMatch(/value="deny">Deny/);
    const unknown = await fetch(`${base}/oauth/authorize?response_type=code&client_id=nobody&redirect_uri=${encodeURIComponent(REDIRECT)}`);
    expect(await unknown.json()).toMatchObject({ error: 'invalid_client' });
    const elsewhere = await fetch(`${base}/oauth/authorize?response_type=code&client_id=app-1&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`);
    expect(elsewhere.status).toBe(400);
  });

  it('redirects Allow with a code and the state, Deny with access_denied', async () => {
    const allowed = new URL((await authorize('allow')).headers.get('location')!);
    expect(allowed.origin + allowed.pathname).toBe(REDIRECT);
    expect(allowed.searchParams.get('state')).toBe('s-1');
    expect(allowed.searchParams.get('code')).toEqual(expect.any(String));
    const denied = new URL((await authorize('deny')).headers.get('location')!);
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('code')).toBeNull();
  });

  it('exchanges a code once for bearer tokens the API accepts; a wrong secret is invalid_client', async () => {
    const code = await codeOf();
    const wrong = await post('/oauth/token', { grant_type: 'authorization_code', client_id: APP.clientId, client_secret: 'nope', code, redirect_uri: REDIRECT });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client', error_description: expect.any(String) });
    const answer = await tokens();
    expect(answer).toMatchObject({ token_type: 'bearer', expires_in: expect.any(Number), access_token: expect.any(String), refresh_token: expect.any(String) });
    expect((await api(answer.access_token)).status).toBe(200);
    expect((await api('made-up')).status).toBe(401);
    const again = await exchange(await codeOf());
    expect(again.status).toBe(200);
  });

  it('rotates refresh tokens: the old one is refused once used, and its access token stops working', async () => {
    const first = await tokens();
    const second = (await (await refresh(first.refresh_token)).json()) as { access_token: string; refresh_token: string };
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const reused = await refresh(first.refresh_token);
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await api(first.access_token)).status).toBe(401);
    expect((await api(second.access_token)).status).toBe(200);
  });

  it('expires access tokens after their lifetime, and deauthorization revokes the whole grant', async () => {
    h.sims.oauth.setAccessTokenTtl(1);
    const short = await tokens();
    h.sims.oauth.setAccessTokenTtl(3600);
    expect((await api(short.access_token)).status).toBe(200);
    await waitFor(async () => (await api(short.access_token)).status === 401, 5000, () => 'the 1 s access token never expired');

    const grant = await tokens();
    expect((await post('/oauth/deauthorize', {}, { authorization: `Bearer ${grant.access_token}` })).status).toBe(200);
    expect((await api(grant.access_token)).status).toBe(401);
    expect(await (await refresh(grant.refresh_token)).json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('the legacy client asks its token provider for a new token on a 401, once', async () => {
    const good = await tokens();
    const rejected: string[] = [];
    const client = (renewed: string) => new LegacyHttpClient({
      system: 'cms', baseUrl: `${base}/api/v4`, timeoutMs: 5000, logger: createLogger('test', 'silent'),
      token: { current: async () => 'stale-token', rejected: async (token) => { rejected.push(token); return renewed; } },
    });
    const page = await client(good.access_token).getJson('matters.json', z.object({ data: z.array(z.unknown()) }), { limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(rejected).toEqual(['stale-token']);
    await expect(client('still-wrong').getJson('matters.json', z.unknown())).rejects.toBeInstanceOf(LegacyRequestError);
    expect(rejected).toEqual(['stale-token', 'stale-token']);
  });
});
