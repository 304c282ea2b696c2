/**
 * A client sees exactly their own matters and what hangs off them, whatever they ask and however
 * they ask it: through the gateway with aliases, fragments and nested fields, or as a query plan
 * would ask each subgraph's `_entities` directly. Another client's matter, document, bill or
 * notification answers exactly as one that does not exist. Staff-only fields are refused to
 * clients with FORBIDDEN, the rest of the answer intact, and served to staff.
 */
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { createAccount } from '../shared/auth/accounts.js';
import type { SubgraphName } from '../shared/config.js';
import { createMigratedTestDatabase } from './support/database.js';
import { FIRM, principals, seedFirm } from './support/firm.js';
import { asGateway, postGraphQL, postGraphQLText, type GraphQLBody } from './support/graphql.js';
import { startGraph, type RunningGraph } from './support/graph.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const PASSWORD = 'correct horse battery staple';
const { avaLitigation, avaLease, benEstate } = FIRM.matters;
const STAFF_FIELDS = `{ number legacyStatus { status caseStatus } syncedAt
  documents { name legacyDocType syncedAt } invoices { number legacyState syncedAt } }`;

const errorsOf = (body: GraphQLBody<unknown>) => (body.errors ?? []).map((e) => `${e.path?.join('.')}:${e.extensions?.code}`).sort();

describe('authorization across the graph', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let graph: RunningGraph;
  const tokens: Record<string, string> = {};
  const asUser = async (who: 'ava' | 'sarah', query: string, variables: Record<string, unknown> = {}) =>
    (await postGraphQL(graph.gatewayUrl, query, variables, { authorization: `Bearer ${tokens[who]}` })).body;

  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    const { dataSource } = testDb.db;
    await seedFirm(dataSource);
    await Promise.all([
      createAccount(dataSource, { email: FIRM.ava.email, password: PASSWORD, role: 'CLIENT', clientId: FIRM.ava.id }),
      createAccount(dataSource, { email: FIRM.sarah.email, password: PASSWORD, role: 'STAFF', staffId: FIRM.sarah.id }),
    ]);
    // Ava's own notification about a matter she may not see (say, since moved to another client).
    await dataSource.query(`INSERT INTO notifications.notifications (client_id, matter_id, title, body) VALUES
      ('101', '501', 'about mine', 'b'), ('101', '503', 'about his', 'b'), ('102', '503', 'bens', 'b')`);
    graph = await startGraph({ config, dataSource, logger: createLogger('test', 'silent') });
    const base = graph.gatewayUrl.replace(/\/graphql$/, '');
    for (const [who, email] of [['ava', FIRM.ava.email], ['sarah', FIRM.sarah.email]] as const) {
      const response = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
      tokens[who] = ((await response.json()) as { token: string }).token;
    }
  });
  afterAll(async () => {
    await graph?.close();
    await testDb?.drop();
  });

  it('refuses staff-only fields to a client with FORBIDDEN for each, and serves the rest', async () => {
    const body = await asUser('ava', `query($id: ID!) { matter(id: $id) ${STAFF_FIELDS} }`, { id: avaLitigation.id });
    expect(body.data).toEqual({ matter: {
      number: avaLitigation.number, legacyStatus: null, syncedAt: null,
      documents: [{ name: 'Deposition of J. Doe.pdf', legacyDocType: null, syncedAt: null }, { name: 'Complaint.pdf', legacyDocType: null, syncedAt: null }],
      invoices: ['INV-1007', 'INV-1002', 'INV-1001'].map((number) => ({ number, legacyState: null, syncedAt: null })),
    } });
    expect(errorsOf(body)).toEqual([
      'matter.documents.0.legacyDocType:FORBIDDEN', 'matter.documents.0.syncedAt:FORBIDDEN',
      'matter.documents.1.legacyDocType:FORBIDDEN', 'matter.documents.1.syncedAt:FORBIDDEN',
      ...[0, 1, 2].flatMap((i) => [`matter.invoices.${i}.legacyState:FORBIDDEN`, `matter.invoices.${i}.syncedAt:FORBIDDEN`]),
      'matter.legacyStatus:FORBIDDEN', 'matter.syncedAt:FORBIDDEN',
    ].sort());
  });

  it('serves staff-only fields to the staff on the matter', async () => {
    const body = await asUser('sarah', `query($id: ID!) { matter(id: $id) ${STAFF_FIELDS} }`, { id: avaLitigation.id });
    expect(body.errors).toBeUndefined();
    const iso = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    expect(body.data).toMatchObject({ matter: {
      legacyStatus: { status: 'Open', caseStatus: 'Discovery' }, syncedAt: iso,
      documents: [{ legacyDocType: null, syncedAt: iso }, { legacyDocType: null, syncedAt: iso }],
      invoices: [{ number: 'INV-1007', legacyState: 'awaiting_payment', syncedAt: iso }, { legacyState: 'awaiting_payment' }, { legacyState: 'awaiting_payment' }],
    } });
  });

  it("answers another client's matter like a missing one under aliases and fragments, staff-only fields included", async () => {
    const query = `query($mine: ID!, $his: ID!) { a: matter(id: $mine) { ...M } b: matter(id: $his) { ...M } c: matter(id: "nope") { ...M } }
      fragment M on Matter { id title status: legacyStatus { status } ... on Matter { documents { name } invoices { number } client { name } } }`;
    const body = await asUser('ava', query, { mine: avaLease.id, his: benEstate.id });
    expect(body.data).toEqual({
      a: { id: avaLease.id, title: avaLease.title, status: null, documents: [{ name: 'Lease.pdf' }], invoices: [{ number: 'INV-1007' }, { number: 'INV-1005' }], client: { name: FIRM.ava.name } },
      b: null,
      c: null,
    });
    expect(errorsOf(body)).toEqual(['a.status:FORBIDDEN']);
  });

  it("cannot reach another client's data through nested fields of objects it may see", async () => {
    const sarah = await asUser('sarah', '{ matters { number client { name matters { number documents { name } } } } }');
    expect(sarah.errors).toBeUndefined();
    // Sarah is on Ava's litigation but not on Ava's lease: through Ava she still sees only the former.
    expect(sarah.data).toEqual({ matters: [
      { number: avaLitigation.number, client: { name: FIRM.ava.name, matters: [{ number: avaLitigation.number, documents: [{ name: 'Deposition of J. Doe.pdf' }, { name: 'Complaint.pdf' }] }] } },
      { number: benEstate.number, client: { name: FIRM.ben.name, matters: [{ number: benEstate.number, documents: [{ name: 'Will.pdf' }] }] } },
    ] });
    const ava = await asUser('ava', '{ notifications { nodes { title matter { id title } } } }');
    expect(ava.errors).toBeUndefined();
    expect(ava.data).toEqual({ notifications: { nodes: expect.arrayContaining([
      { title: 'about mine', matter: { id: avaLitigation.id, title: avaLitigation.title } },
      { title: 'about his', matter: null },
    ]) } });
    expect(JSON.stringify(ava.data)).not.toMatch(/bens|Okafor/);
  });

  it("resolves another client's entities in every subgraph to null, byte for byte like missing ones", async () => {
    const notificationOf = async (clientId: string) =>
      ((await testDb.db.dataSource.query(`SELECT id FROM notifications.notifications WHERE client_id = $1 LIMIT 1`, [clientId])) as Array<{ id: string }>)[0]!.id;
    const probes: Array<[SubgraphName, string, Record<string, string>, Record<string, string>]> = [
      ['matters', 'Matter { id title legacyStatus { status } client { name } }', { id: benEstate.id }, { id: 'nope' }],
      ['matters', 'Matter { id title }', { number: benEstate.number }, { number: 'nope' }],
      ['matters', 'Client { id name matters { id } }', { id: FIRM.ben.id }, { id: 'nope' }],
      ['documents', 'Document { id name legacyDocType matter { number } }', { id: 'd4' }, { id: 'nope' }],
      ['documents', 'Matter { number documents { id } }', { number: benEstate.number }, { number: 'nope' }],
      ['billing', 'Invoice { id number legacyState }', { id: 'b6' }, { id: 'nope' }],
      ['billing', 'Matter { id balance { amount } invoices { id } }', { id: benEstate.id }, { id: 'nope' }],
      ['billing', 'Client { id balance { amount } }', { id: FIRM.ben.id }, { id: 'nope' }],
      ['notifications', 'Notification { id title }', { id: await notificationOf(FIRM.ben.id) }, { id: '00000000-0000-4000-8000-000000000000' }],
    ];
    const headers = await asGateway(principals.ava, config);
    for (const [subgraph, selection, his, missing] of probes) {
      const typename = selection.split(' ')[0]!;
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${selection} } }`;
      const raw = async (key: Record<string, string>) =>
        (await postGraphQLText(graph.subgraphUrls[subgraph], query, { r: [{ __typename: typename, ...key }] }, headers)).text;
      const [hisAnswer, missingAnswer] = [await raw(his), await raw(missing)];
      expect({ subgraph, selection, answer: hisAnswer }).toEqual({ subgraph, selection, answer: missingAnswer });
      expect(JSON.parse(hisAnswer)).toEqual({ data: { _entities: [null] } });
    }
  });
});
