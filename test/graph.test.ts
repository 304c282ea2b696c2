/**
 * A client signs in to the portal and opens the dashboard: through the gateway, across the four
 * subgraphs, they see exactly their own matters with hearings, documents, bills and exact
 * balances — never another client's — at a cost in SQL that does not grow with their matters.
 */
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { createAccount } from '../shared/auth/accounts.js';
import { createMigratedTestDatabase } from './support/database.js';
import { EXPECTED, FIRM, seedBusyClient, seedFirm } from './support/firm.js';
import { postGraphQL } from './support/graphql.js';
import { startGraph, type RunningGraph } from './support/graph.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const PASSWORD = 'correct horse battery staple';
const DASHBOARD = `{ matters { id number title nextHearing { title startsAt } documents { name kind }
  invoices { number total { amount currency } balance { amount } status } balance { amount }
  client { name balance { amount } } } }`;

interface Dashboard {
  matters: Array<{
    id: string; number: string; title: string; nextHearing: { title: string; startsAt: string } | null;
    documents: Array<{ name: string; kind: string }>;
    invoices: Array<{ number: string; total: { amount: string; currency: string }; balance: { amount: string }; status: string }>;
    balance: { amount: string }; client: { name: string; balance: { amount: string } };
  }>;
}

describe('the graph through the gateway', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let graph: RunningGraph;
  let ready = false;
  const base = () => graph.gatewayUrl.replace(/\/graphql$/, '');

  async function login(email: string, password = PASSWORD): Promise<string> {
    const response = await fetch(`${base()}/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }), signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  }
  const asUser = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    const { dataSource } = testDb.db;
    await seedFirm(dataSource);
    await seedBusyClient(dataSource, '777', 50);
    await Promise.all([
      createAccount(dataSource, { email: 'Ava.Martin@Example.com', password: PASSWORD, role: 'CLIENT', clientId: FIRM.ava.id }),
      createAccount(dataSource, { email: FIRM.ben.email, password: PASSWORD, role: 'CLIENT', clientId: FIRM.ben.id }),
      createAccount(dataSource, { email: 'busy@example.com', password: PASSWORD, role: 'CLIENT', clientId: '777' }),
    ]);
    graph = await startGraph({ config, dataSource, logger: createLogger('test', 'silent'), isReady: async () => ready });
  });
  afterAll(async () => {
    await graph?.close();
    await testDb?.drop();
  });

  it('answers /healthz 503 naming the failed check until the first import is done, then 200', async () => {
    const before = await fetch(`${base()}/healthz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ status: 'unavailable', failed: ['firstImport'] });
    ready = true;
    const after = await fetch(`${base()}/healthz`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ status: 'ok' });
  });

  it("serves a client's dashboard: exactly their matters, hearings, documents, bills and exact balances", async () => {
    const { status, body } = await postGraphQL<Dashboard>(graph.gatewayUrl, DASHBOARD, {}, asUser(await login('ava.martin@example.com')));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const { avaLitigation, avaLease } = FIRM.matters;
    const matters = body.data!.matters;
    expect(matters.map((m) => m.number)).toEqual([avaLitigation.number, avaLease.number]);
    const [litigation, lease] = matters;
    expect(litigation!.nextHearing).toEqual({ title: 'Motion hearing', startsAt: expect.stringMatching(/Z$/) });
    expect(lease!.nextHearing).toBeNull();
    expect(litigation!.documents).toEqual([{ name: 'Deposition of J. Doe.pdf', kind: 'DEPOSITION_TRANSCRIPT' }, { name: 'Complaint.pdf', kind: 'PLEADING' }]);
    expect(lease!.documents).toEqual([{ name: 'Lease.pdf', kind: 'CONTRACT' }]);
    const bills = (m: Dashboard['matters'][number]) =>
      m.invoices.map((b) => ({ number: b.number, total: b.total.amount, balance: b.balance.amount, status: b.status }));
    expect(bills(litigation!)).toEqual(EXPECTED.avaInvoices.avaLitigation);
    expect(bills(lease!)).toEqual(EXPECTED.avaInvoices.avaLease);
    expect(litigation!.invoices.every((b) => b.total.currency === 'USD')).toBe(true);
    expect([litigation!.balance.amount, lease!.balance.amount]).toEqual([EXPECTED.balances.avaLitigation, EXPECTED.balances.avaLease]);
    for (const matter of matters) expect(matter.client).toEqual({ name: FIRM.ava.name, balance: { amount: EXPECTED.balances.ava } });
  });

  it("answers null for another client's matter, as for one that does not exist", async () => {
    const token = await login('ava.martin@example.com');
    const query = 'query($id: ID!) { matter(id: $id) { id title documents { name } invoices { number } } }';
    for (const id of [FIRM.matters.benEstate.id, 'no-such-matter']) {
      expect((await postGraphQL(graph.gatewayUrl, query, { id }, asUser(token))).body).toEqual({ data: { matter: null } });
    }
  });

  it('refuses GraphQL without a token or with a bad one, with UNAUTHENTICATED and no stack trace', async () => {
    for (const headers of [{}, { authorization: 'Bearer not.a.token' }, { authorization: 'Basic abc' }] as Array<Record<string, string>>) {
      const { status, body } = await postGraphQL(graph.gatewayUrl, '{ matters { id } }', {}, headers);
      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts/);
    }
  });

  it('refuses a bad login with one generic 401, and bad input with 400', async () => {
    const post = (body: string) => fetch(`${base()}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const unknown = await post(JSON.stringify({ email: 'nobody@example.com', password: PASSWORD }));
    const wrong = await post(JSON.stringify({ email: FIRM.ava.email, password: 'wrong password' }));
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(await unknown.json()).toEqual(await wrong.json());
    expect((await post(JSON.stringify({ email: FIRM.ava.email }))).status).toBe(400);
    const malformed = await post('{"email":');
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).not.toMatch(/at .*\.js|SyntaxError/);
  });

  it('serves GraphiQL to a browser from local assets', async () => {
    const page = await fetch(graph.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(5);
    for (const asset of assets) {
      const response = await fetch(`${base()}${asset}`);
      expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
      const text = await response.text();
      expect(text.length).toBeGreaterThan(100);
      // The page's own script must at least parse: nothing else runs it here.
      if (asset.endsWith('boot.js')) expect(() => new Function(text)).not.toThrow();
    }
  });

  it('costs the same number of SQL statements for 2 matters as for 50', async () => {
    const statementsFor = async (email: string) => {
      const token = await login(email);
      await postGraphQL(graph.gatewayUrl, DASHBOARD, {}, asUser(token)); // warm the query plan cache
      const before = testDb.db.queries.count;
      const { body } = await postGraphQL<Dashboard>(graph.gatewayUrl, DASHBOARD, {}, asUser(token));
      expect(body.errors).toBeUndefined();
      return { matters: body.data!.matters.length, statements: testDb.db.queries.count - before };
    };
    const small = await statementsFor('ava.martin@example.com');
    const big = await statementsFor('busy@example.com');
    expect([small.matters, big.matters]).toEqual([2, 50]);
    expect(big.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(10);
  });
});
