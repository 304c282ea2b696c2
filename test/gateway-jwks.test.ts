/**
 * Tokens from the firm's identity provider: a real JWKS server on a free port, keys made here,
 * rotated while the gateway runs; everything that is not a good token is UNAUTHENTICATED.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { issueAccessToken } from '../shared/auth/tokens.js';
import { createMigratedTestDatabase } from './support/database.js';
import { FIRM, principals, seedFirm } from './support/firm.js';
import { postGraphQL } from './support/graphql.js';
import { startGraph, type RunningGraph } from './support/graph.js';

const ISSUER = 'https://idp.smithjones.example/';
const AUDIENCE = 'casebridge-api';
interface Key { kid: string; alg: 'RS256' | 'ES256'; privateKey: CryptoKey; publicKey: CryptoKey }

async function makeKey(kid: string, alg: Key['alg']): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicKey };
}

describe('identity-provider tokens (JWKS)', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let graph: RunningGraph;
  let jwksServer: http.Server;
  const served: JWK[] = [];
  let jwksRequests = 0;
  let rsa: Key;
  let ec: Key;
  let config: ReturnType<typeof loadConfig>;

  const claims = { email: FIRM.ava.email, role: 'client', client_id: FIRM.ava.id };
  const sign = (key: Key, payload: Record<string, unknown> = claims, edit: (jwt: SignJWT) => SignJWT = (j) => j) =>
    edit(new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid }).setSubject('idp|ava').setIssuer(ISSUER)
      .setAudience(AUDIENCE).setIssuedAt().setExpirationTime('5m')).sign(key.privateKey);
  const me = (token: string) => postGraphQL<{ me: { email: string; role: string } }>(graph.gatewayUrl, '{ me { email role } }', {}, { authorization: `Bearer ${token}` });
  const expectUnauthenticated = async (token: string) => {
    const { status, body } = await me(token);
    expect({ status, codes: body.errors?.map((e) => e.extensions?.code), data: body.data }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: undefined });
  };
  const serve = async (key: Key) => served.push({ ...(await exportJWK(key.publicKey)), kid: key.kid, alg: key.alg, use: 'sig' });

  beforeAll(async () => {
    [rsa, ec] = await Promise.all([makeKey('rsa-1', 'RS256'), makeKey('ec-1', 'ES256')]);
    await serve(rsa);
    await serve(ec);
    jwksServer = http.createServer((_req, res) => {
      jwksRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: served }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    config = loadConfig({
      NODE_ENV: 'test', LOG_LEVEL: 'silent', JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: AUDIENCE, JWKS_COOLDOWN_SECONDS: '0',
    });
    testDb = await createMigratedTestDatabase();
    await seedFirm(testDb.db.dataSource);
    graph = await startGraph({ config, dataSource: testDb.db.dataSource, logger: createLogger('test', 'silent') });
  });
  afterAll(async () => {
    await graph?.close();
    await testDb?.drop();
    await new Promise((resolve) => jwksServer?.close(resolve));
  });

  it('accepts RS256 and ES256 tokens signed with the served keys, mapping their claims', async () => {
    for (const key of [rsa, ec]) {
      const { status, body } = await me(await sign(key));
      expect({ status, body }).toEqual({ status: 200, body: { data: { me: { email: FIRM.ava.email, role: 'CLIENT' } } } });
    }
    const staff = await me(await sign(rsa, { email: FIRM.sarah.email, role: 'STAFF', staff_id: FIRM.sarah.id }));
    expect(staff.body.data?.me).toEqual({ email: FIRM.sarah.email, role: 'STAFF' });
  });

  it('still accepts the portal HS256 tokens', async () => {
    expect((await me(await issueAccessToken(principals.ben, config.auth))).body.data?.me.email).toBe(FIRM.ben.email);
  });

  it('picks up a rotated key (new kid) without a restart', async () => {
    const rotated = await makeKey('rsa-2', 'RS256');
    const token = await sign(rotated);
    await expectUnauthenticated(token); // not published yet
    await serve(rotated);
    const before = jwksRequests;
    expect((await me(token)).body.data?.me.email).toBe(FIRM.ava.email);
    expect(jwksRequests).toBeGreaterThan(before);
  });

  it('refuses alg none, HS256 signed with the public key (key confusion) and other algorithms', async () => {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const payload = { ...claims, sub: 'idp|ava', iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300 };
    await expectUnauthenticated(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`);
    const publicPem = new TextEncoder().encode(await exportSPKI(rsa.publicKey));
    await expectUnauthenticated(await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid: rsa.kid }).sign(publicPem));
    const ps = await generateKeyPair('PS256', { extractable: true });
    served.push({ ...(await exportJWK(ps.publicKey)), kid: 'ps-1', alg: 'PS256' });
    await expectUnauthenticated(await new SignJWT(payload).setProtectedHeader({ alg: 'PS256', kid: 'ps-1' }).sign(ps.privateKey));
  });

  it('refuses a bad signature, expired or not-yet-valid tokens, a wrong issuer or audience, missing claims', async () => {
    const impostor = await makeKey(rsa.kid, 'RS256'); // same kid, another key
    await expectUnauthenticated(await sign(impostor));
    const good = await sign(rsa);
    const [header, body, signature] = good.split('.');
    const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), role: 'ADMIN' })).toString('base64url');
    await expectUnauthenticated(`${header}.${tampered}.${signature}`);
    const now = Math.floor(Date.now() / 1000);
    await expectUnauthenticated(await sign(rsa, claims, (j) => j.setIssuedAt(now - 600).setExpirationTime(now - 60)));
    await expectUnauthenticated(await sign(rsa, claims, (j) => j.setNotBefore(now + 120)));
    await expectUnauthenticated(await sign(rsa, claims, (j) => j.setIssuer('https://evil.example/')));
    await expectUnauthenticated(await sign(rsa, claims, (j) => j.setAudience('another-api')));
    await expectUnauthenticated(await sign(rsa, { email: FIRM.ava.email, role: 'CLIENT' })); // a client without client_id
    await expectUnauthenticated(await sign(rsa, { ...claims, role: 'SUPERUSER' }));
  });
});
