/**
 * The gateway's defences over real HTTP: sign-in throttling shared by two replicas, rate limits by
 * role and by address, operation limits before planning, introspection by role.
 */
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { createAccount } from '../shared/auth/accounts.js';
import { issueAccessToken } from '../shared/auth/tokens.js';
import type { RunningServer } from '../shared/graphql/subgraph-server.js';
import { startGateway } from '../gateway/server.js';
import { createMigratedTestDatabase } from './support/database.js';
import { FIRM, principals, seedFirm } from './support/firm.js';
import { startGraph, type RunningGraph } from './support/graph.js';

const PASSWORD = 'correct horse battery staple';
const ENV = {
  NODE_ENV: 'test', LOG_LEVEL: 'silent', TRUST_PROXY: 'loopback',
  JWT_SECRET: 'a-test-jwt-secret-of-at-least-32-characters', SUBGRAPH_SECRET: 'a-test-subgraph-secret-of-at-least-32-chars',
  LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ACCOUNT_TOTAL: '5', LOGIN_MAX_FAILURES_PER_ADDRESS: '6', LOGIN_LOCKOUT_SECONDS: '120',
  RATE_LIMIT_CLIENT_PER_MINUTE: '3', RATE_LIMIT_STAFF_PER_MINUTE: '6', RATE_LIMIT_ADMIN_PER_MINUTE: '10', RATE_LIMIT_ADDRESS_PER_MINUTE: '1000',
  MAX_QUERY_DEPTH: '4', MAX_QUERY_ALIASES: '3', MAX_QUERY_COST: '200', LIST_COST_MULTIPLIER: '10', MAX_QUERY_BYTES: '2000',
};
const config = loadConfig(ENV);
const logger = createLogger('test', 'silent');

interface Answer { status: number; headers: Headers; body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; data?: unknown; error?: string } }

async function call(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

describe('gateway limits', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let graph: RunningGraph;
  const gateways: RunningServer[] = [];
  let replicaA: string;
  let replicaB: string;
  const base = (url: string) => url.replace(/\/graphql$/, '');
  const gateway = async (env: Record<string, string> = {}) => {
    const started = await startGateway({ config: loadConfig({ ...ENV, ...env }), dataSource: testDb.db.dataSource, logger, port: 0, subgraphUrls: graph.subgraphUrls });
    gateways.push(started);
    return started.url;
  };
  const login = (url: string, email: string, password: string, address: string) =>
    call(`${base(url)}/auth/login`, { email, password }, { 'x-forwarded-for': address });
  const bearer = async (who: keyof typeof principals) => ({ authorization: `Bearer ${await issueAccessToken(principals[who], config.auth)}` });

  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    const { dataSource } = testDb.db;
    await seedFirm(dataSource);
    for (const [email, clientId] of [[FIRM.ava.email, FIRM.ava.id], [FIRM.ben.email, FIRM.ben.id]] as const) {
      await createAccount(dataSource, { email, password: PASSWORD, role: 'CLIENT', clientId });
    }
    graph = await startGraph({ config, dataSource, logger });
    replicaA = await gateway();
    replicaB = await gateway();
  });
  // The per-principal buckets live in the database, shared by every gateway: each test starts them full.
  beforeEach(() => testDb.db.dataSource.query('DELETE FROM identity.rate_buckets'));
  afterAll(async () => {
    for (const started of gateways) await started.close();
    await graph?.close();
    await testDb?.drop();
  });

  it('locks an email for the address that failed LOGIN_MAX_FAILURES_PER_ACCOUNT times, on any replica, with the same generic answer', async () => {
    const attacker = '198.51.100.1';
    const refused = await login(replicaA, FIRM.ava.email, 'wrong', attacker);
    expect(refused.status).toBe(401);
    await login(replicaB, FIRM.ava.email, 'wrong', attacker);
    await login(replicaA, FIRM.ava.email, 'wrong', attacker);
    // Locked for that address: the right password, on the other replica, gets the same 401.
    const locked = await login(replicaB, FIRM.ava.email, PASSWORD, attacker);
    expect(locked.status).toBe(401);
    expect(locked.body).toEqual(refused.body);
    // An unknown email is counted and locked the same way: nothing tells them apart.
    for (let i = 0; i < 4; i++) {
      const unknown = await login(i % 2 ? replicaA : replicaB, 'nobody@example.com', 'wrong', '198.51.100.10');
      expect({ status: unknown.status, body: unknown.body }).toEqual({ status: 401, body: refused.body });
    }
  });

  it("does not let an attacker's address hammering Ava's email stop Ava signing in from hers", async () => {
    for (let i = 0; i < 5; i++) expect((await login(i % 2 ? replicaA : replicaB, FIRM.ava.email, 'wrong', '198.51.100.30')).status).toBe(401);
    expect((await login(replicaA, FIRM.ava.email, PASSWORD, '198.51.100.30')).status).toBe(401);
    expect((await login(replicaB, FIRM.ava.email, PASSWORD, '198.51.100.31')).status).toBe(200);
  });

  it('past LOGIN_MAX_FAILURES_PER_ACCOUNT_TOTAL, refuses addresses that failed on the email, never one that has not', async () => {
    const url = await gateway();
    const email = 'distributed@example.com';
    // Five addresses, one failure each (each within its own count of 3): the email's total of 5 is reached.
    for (let i = 0; i < 5; i++) expect((await login(url, email, 'wrong', `198.51.100.${40 + i}`)).status).toBe(401);
    await createAccount(testDb.db.dataSource, { email, password: PASSWORD, role: 'ADMIN' });
    expect((await login(url, email, PASSWORD, '198.51.100.40')).status).toBe(401);
    expect((await login(url, email, PASSWORD, '198.51.100.49')).status).toBe(200);
  });

  it('clears the account count on success', async () => {
    for (let round = 0; round < 2; round++) {
      await login(replicaA, FIRM.ben.email, 'wrong', '198.51.100.20');
      await login(replicaB, FIRM.ben.email, 'wrong', '198.51.100.21');
      expect((await login(replicaA, FIRM.ben.email, PASSWORD, '198.51.100.22')).status).toBe(200);
    }
  });

  it('answers 429 with Retry-After once an address reaches LOGIN_MAX_FAILURES_PER_ADDRESS', async () => {
    const address = '203.0.113.7';
    for (let i = 0; i < 6; i++) expect((await login(i % 2 ? replicaA : replicaB, `guess${i}@example.com`, 'wrong', address)).status).toBe(401);
    const throttled = await login(replicaA, FIRM.ben.email, PASSWORD, address);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(100);
    expect(throttled.body).toEqual({ error: expect.stringMatching(/Too many failed sign-ins/), retryAfterSeconds: expect.any(Number) });
    expect((await login(replicaA, FIRM.ben.email, PASSWORD, '203.0.113.8')).status).toBe(200);
  });

  it('limits operations per principal by role, with 429 and Retry-After', async () => {
    const url = await gateway();
    const [client, staff] = [await bearer('ava'), await bearer('sarah')];
    for (let i = 0; i < 3; i++) expect((await call(url, { query: '{ me { email } }' }, client)).status).toBe(200);
    const limited = await call(url, { query: '{ me { email } }' }, client);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body.errors).toEqual([{ message: expect.stringMatching(/RATE_LIMIT_CLIENT_PER_MINUTE is 3/), extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } }]);
    // The bucket is the principal's, not this replica's: the other gateways refuse too.
    expect((await call(replicaA, { query: '{ me { email } }' }, client)).status).toBe(429);
    // Staff have their own bucket and a higher rate.
    for (let i = 0; i < 6; i++) expect((await call(url, { query: '{ me { email } }' }, staff)).status).toBe(200);
    expect((await call(url, { query: '{ me { email } }' }, staff)).status).toBe(429);
  });

  it('lets exactly the rate through when a principal fires many operations at once on two replicas', async () => {
    const url = await gateway();
    const client = await bearer('ava');
    // Concurrent takes of one bucket go to the database together: the grant must still be exact.
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => call(i % 2 ? url : replicaA, { query: '{ me { email } }' }, client).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('limits operations per address, before authentication', async () => {
    const url = await gateway({ RATE_LIMIT_ADDRESS_PER_MINUTE: '2' });
    const from = { 'x-forwarded-for': '192.0.2.50' };
    expect((await call(url, { query: '{ me { email } }' }, from)).status).toBe(401);
    expect((await call(url, { query: '{ me { email } }' }, from)).status).toBe(401);
    const limited = await call(url, { query: '{ me { email } }' }, from);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect((await call(url, { query: '{ me { email } }' }, { 'x-forwarded-for': '192.0.2.51' })).status).toBe(401);
  });

  it.each([
    ['MAX_QUERY_DEPTH', 4, '{ me { client { matters { client { name } } } } }'],
    ['MAX_QUERY_ALIASES', 3, '{ a: me { email } b: me { email } c: me { email } d: me { email } }'],
    ['MAX_QUERY_COST', 200, '{ matters { documents { name kind } invoices { number status } } }'],
    ['MAX_QUERY_BYTES', 2000, `{ me { email } } # ${'x'.repeat(2000)}`],
  ])('refuses an operation over %s (%d) with 400 OPERATION_TOO_COMPLEX, before planning', async (limit, max, query) => {
    const { status, body } = await call(replicaA, { query }, await bearer('admin'));
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([expect.objectContaining({
      message: expect.stringContaining(`(${limit}) is ${max}`),
      extensions: { code: 'OPERATION_TOO_COMPLEX', limit, max, actual: expect.any(Number) },
    })]);
  });

  it('refuses batches (MAX_BATCH_SIZE 1), and enforces a larger MAX_BATCH_SIZE', async () => {
    const admin = await bearer('admin');
    const batch = (n: number) => Array.from({ length: n }, () => ({ query: '{ me { email } }' }));
    const off = await call(replicaA, batch(2), admin);
    expect(off.status).toBe(400);
    expect(off.body.errors?.[0]).toEqual({ message: expect.stringMatching(/Batched operations are disabled/), extensions: { code: 'OPERATION_TOO_COMPLEX', limit: 'MAX_BATCH_SIZE', max: 1, actual: 2 } });
    const url = await gateway({ MAX_BATCH_SIZE: '2' });
    const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify(batch(2)) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as unknown[]).length).toBe(2);
    expect((await call(url, batch(3), admin)).body.errors?.[0]?.extensions).toMatchObject({ limit: 'MAX_BATCH_SIZE', max: 2, actual: 3 });
  });

  it('keeps a normal dashboard within the default limits', async () => {
    const url = await gateway({ MAX_QUERY_DEPTH: '10', MAX_QUERY_COST: '5000', MAX_QUERY_ALIASES: '30' });
    const query = `{ matters { id number title nextHearing { title startsAt } documents { name kind }
      invoices { number total { amount currency } balance { amount } status } balance { amount } client { name balance { amount } } } }`;
    const { status, body } = await call(url, { query }, await bearer('ava'));
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  });

  it('allows introspection to staff and admins only in production, and not at all with INTROSPECTION=off', async () => {
    const production = await gateway({ NODE_ENV: 'production' });
    const introspect = { query: '{ __schema { queryType { name } } }' };
    const client = await call(production, introspect, await bearer('ben'));
    expect(client.status).toBe(403);
    expect(client.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect((await call(production, introspect, await bearer('sarah'))).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect((await call(replicaA, introspect, await bearer('ben'))).status).toBe(200); // development/test: anyone signed in
    const off = await gateway({ INTROSPECTION: 'off' });
    const refused = await call(off, introspect, await bearer('admin'));
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await fetch(off, { headers: { accept: 'text/html' } })).status).not.toBe(200);
  });
});
