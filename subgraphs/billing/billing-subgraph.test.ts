/**
 * The billing subgraph on its own: bills and balances of visible matters and clients, exact to the
 * cent; drafts never served, void bills never shown to clients.
 */
import { loadConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import type { RunningServer } from '../../shared/graphql/subgraph-server.js';
import { createMigratedTestDatabase } from '../../test/support/database.js';
import { EXPECTED, FIRM, principals, seedFirm } from '../../test/support/firm.js';
import { FEDERATION_PROBES, asGateway, postGraphQL, querySubgraph } from '../../test/support/graphql.js';
import { startBillingSubgraph } from './server.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const { avaLitigation, avaLease, benEstate } = FIRM.matters;
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  __typename
  ... on Matter { id invoices { number total { amount currency } balance { amount } status issuedAt } balance { amount currency } }
  ... on Client { id balance { amount currency } }
  ... on Invoice { id number status } } }`;

interface Bill { number: string; total: { amount: string; currency: string }; balance: { amount: string }; status: string; issuedAt: string }
type Entity = { __typename: 'Matter'; id: string; invoices: Bill[]; balance: { amount: string; currency: string } }
  | { __typename: 'Client'; id: string; balance: { amount: string; currency: string } }
  | { __typename: 'Invoice'; id: string; number: string; status: string };

describe('the billing subgraph', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let subgraph: RunningServer;
  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    await seedFirm(testDb.db.dataSource);
    subgraph = await startBillingSubgraph({ config, dataSource: testDb.db.dataSource, logger: createLogger('test', 'silent'), port: 0 });
  });
  afterAll(async () => {
    await subgraph?.close();
    await testDb?.drop();
  });

  it("serves a client's matters' bills and exact balances, never drafts or void bills", async () => {
    const representations = [
      { __typename: 'Matter', id: avaLitigation.id },
      { __typename: 'Matter', id: avaLease.id },
      { __typename: 'Matter', id: benEstate.id },
      { __typename: 'Client', id: FIRM.ava.id },
      { __typename: 'Client', id: FIRM.ben.id },
    ];
    const { _entities: [litigation, lease, ben, ava, benClient] } =
      await querySubgraph<{ _entities: Array<Entity | null> }>(subgraph.url, principals.ava, config, ENTITIES, { representations });
    const bills = (e: Entity | null | undefined) => {
      if (e?.__typename !== 'Matter') throw new Error(`expected a Matter, got ${JSON.stringify(e)}`);
      return e.invoices.map((b) => ({ number: b.number, total: b.total.amount, balance: b.balance.amount, status: b.status }));
    };
    expect(bills(litigation)).toEqual(EXPECTED.avaInvoices.avaLitigation);
    expect(bills(lease)).toEqual(EXPECTED.avaInvoices.avaLease);
    expect(litigation).toMatchObject({ balance: { amount: EXPECTED.balances.avaLitigation, currency: 'USD' } });
    expect(lease).toMatchObject({ balance: { amount: EXPECTED.balances.avaLease, currency: 'USD' } });
    expect(ava).toEqual({ __typename: 'Client', id: FIRM.ava.id, balance: { amount: EXPECTED.balances.ava, currency: 'USD' } });
    expect([ben, benClient]).toEqual([null, null]);
  });

  it('resolves Invoice references under the same rules: drafts for nobody, void bills for staff only', async () => {
    const representations = ['b1', 'b3', 'b4', 'b6'].map((id) => ({ __typename: 'Invoice', id }));
    const ids = async (who: keyof typeof principals) =>
      (await querySubgraph<{ _entities: Array<{ id: string; status: string } | null> }>(subgraph.url, principals[who], config, ENTITIES, { representations }))
        ._entities.map((e) => (e ? `${e.id}:${e.status}` : null));
    expect(await ids('ava')).toEqual(['b1:AWAITING_PAYMENT', null, null, null]);
    expect(await ids('ben')).toEqual([null, null, null, 'b6:AWAITING_PAYMENT']);
    expect(await ids('admin')).toEqual(['b1:AWAITING_PAYMENT', null, 'b4:VOID', 'b6:AWAITING_PAYMENT']);
  });

  it('answers "0.00" for a visible matter with nothing owed', async () => {
    await testDb.db.dataSource.query(`INSERT INTO matters.matters (id, number, title, legacy_status, client_id, legacy_updated_at) VALUES ('599', '00599-Martin', 'No bills yet', 'Open', '101', now())`);
    const data = await querySubgraph<{ _entities: unknown[] }>(subgraph.url, principals.ava, config, ENTITIES, { representations: [{ __typename: 'Matter', id: '599' }] });
    expect(data._entities).toEqual([{ __typename: 'Matter', id: '599', invoices: [], balance: { amount: '0.00', currency: 'USD' } }]);
  });

  it('masks unexpected errors: a balance across currencies fails without leaking details', async () => {
    const { dataSource } = testDb.db;
    await dataSource.query(`INSERT INTO matters.matters (id, number, title, legacy_status, client_id, legacy_updated_at) VALUES ('598', '00598-Martin', 'Two currencies', 'Open', '101', now())`);
    await dataSource.query(`INSERT INTO billing.invoices (id, number, issued_on, total, balance, currency, legacy_state, client_id, legacy_updated_at) VALUES
      ('e1', 'INV-E1', '2026-01-01', 10, 10, 'EUR', 'awaiting_payment', '101', now()), ('e2', 'INV-E2', '2026-01-01', 10, 10, 'USD', 'awaiting_payment', '101', now())`);
    await dataSource.query(`INSERT INTO billing.invoice_matters (invoice_id, matter_id) VALUES ('e1', '598'), ('e2', '598')`);
    const { body } = await postGraphQL(subgraph.url, ENTITIES, { representations: [{ __typename: 'Matter', id: '598' }] }, await asGateway(principals.ava, config));
    expect(body.errors?.map((e) => ({ message: e.message, code: e.extensions?.code, stacktrace: e.extensions?.stacktrace })))
      .toEqual([{ message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR', stacktrace: undefined }]);
    expect(JSON.stringify(body)).not.toMatch(/currenc/i);
    await dataSource.query(`DELETE FROM billing.invoice_matters WHERE matter_id = '598'`);
    await dataSource.query(`DELETE FROM billing.invoices WHERE id IN ('e1', 'e2')`);
  });

  it('refuses every operation without the gateway identity', async () => {
    for (const query of FEDERATION_PROBES) {
      const { status, body } = await postGraphQL(subgraph.url, query);
      expect(status).toBe(401);
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
  });
});
