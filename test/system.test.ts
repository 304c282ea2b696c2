/**
 * A client opens the portal: the whole system runs in one process on the demo firm, imports it
 * from the simulators, and the client sees exactly their own matters across three subgraphs.
 */
import { startTestSystem, type TestSystem } from './support/system.js';

const DASHBOARD = `{ me { email role client { name } }
  matters { id number title client { name } nextHearing { title startsAt }
    documents { name kind } invoices { number total { amount currency } balance { amount } status } balance { amount currency } } }`;

interface Dashboard {
  me: { email: string; role: string; client: { name: string } | null };
  matters: Array<{ id: string; number: string; client: { name: string }; documents: unknown[]; invoices: Array<{ total: { amount: string } }>; balance: { amount: string } }>;
}

describe('the whole system on the demo firm', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  }, 120_000);
  afterAll(() => system?.stop());

  it('is healthy once the first import is done', async () => {
    const response = await fetch(system.gatewayUrl.replace(/\/graphql$/, '/healthz'));
    expect(response.status).toBe(200);
  });

  it("serves Ava exactly her own matters, with documents, invoices and balances", async () => {
    const token = await system.login('ava.martin@example.com');
    const { data, errors } = await system.graphql<Dashboard>(token, DASHBOARD);
    expect(errors).toBeUndefined();
    expect(data!.me).toEqual({ email: 'ava.martin@example.com', role: 'CLIENT', client: { name: 'Ava Martin' } });
    const firm = system.simulators!.firm;
    const ava = firm.contacts.find((c) => c.primary_email_address === 'ava.martin@example.com')!;
    const avaMatters = firm.matters.filter((m) => m.client.id === ava.id).map((m) => m.display_number).sort();
    expect(data!.matters.map((m) => m.number).sort()).toEqual(avaMatters);
    expect(avaMatters.length).toBeGreaterThanOrEqual(2);
    for (const matter of data!.matters) {
      expect(matter.client.name).toBe('Ava Martin');
      expect(matter.balance.amount).toMatch(/^\d+\.\d{2}$/);
    }
    expect(data!.matters.some((m) => m.documents.length > 0)).toBe(true);
    expect(data!.matters.some((m) => m.invoices.length > 0)).toBe(true);
  });

  it("answers null for Ben's matter when Ava asks for it, as for a matter that does not exist", async () => {
    const ben = await system.login('ben.okafor@example.com');
    const ava = await system.login('ava.martin@example.com');
    const { data: benData } = await system.graphql<Dashboard>(ben, '{ matters { id } }');
    const benMatterId = benData!.matters[0]!.id;
    const query = 'query($id: ID!) { matter(id: $id) { id title } }';
    expect(await system.graphql(ava, query, { id: benMatterId })).toEqual({ data: { matter: null } });
    expect(await system.graphql(ava, query, { id: 'no-such-matter' })).toEqual({ data: { matter: null } });
  });

  it('refuses GraphQL without a token', async () => {
    const { errors } = await system.graphql(null, '{ matters { id } }');
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
