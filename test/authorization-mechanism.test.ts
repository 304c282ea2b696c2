/**
 * The access directives are enforced by the shared mechanism itself, not by each resolver's
 * care: a subgraph whose resolvers read the firm's matters with no scoping at all still answers a
 * client only their own — on root fields, in lists, under aliases and in `_entities` — and the
 * benchmark switch, which turns the mechanism off, shows that it is what held the line.
 */
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { startSubgraphServer, type RunningServer, type SubgraphContext } from '../shared/graphql/subgraph-server.js';
import { createVisibility, type Visibility } from '../subgraphs/matters/published-queries.js';
import { MatterRow } from '../subgraphs/matters/entities/index.js';
import { createMigratedTestDatabase } from './support/database.js';
import { FIRM, principals, seedFirm } from './support/firm.js';
import { asGateway, postGraphQL, postGraphQLText, querySubgraph } from './support/graphql.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const { avaLitigation, avaLease, benEstate } = FIRM.matters;
// The access vocabulary is prepended by startSubgraphServer, as for every subgraph.
const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Query {
  open: String @signedIn
  adminsOnly: String @hasRole(roles: [ADMIN])
  forgotten: String
  "Every matter of the firm: unscoped on purpose."
  everyMatter: [Matter!]! @signedIn
  anyMatter(id: ID!): Matter @signedIn
  "Ben's matter, whoever asks: unscoped on purpose."
  bensMatter: Matter! @signedIn
}
type Matter @key(fields: "id") @matterAccess {
  id: ID!
  title: String!
  note: String @hasRole(roles: [STAFF, ADMIN])
}
type Stray @key(fields: "id") {
  id: ID! @signedIn
}`;

type FixtureContext = SubgraphContext<Visibility>;

function unscopedDefinition(dataSource: DataSource, schemaFile: URL) {
  const matters = dataSource.getRepository(MatterRow);
  return {
    name: 'matters' as const,
    schemaFile,
    createLoaders: (principal: FixtureContext['principal']) => createVisibility(dataSource, principal),
    authorization: {
      oracle: ({ loaders }: FixtureContext) => loaders,
      subjects: { Matter: { matter: (m: MatterRow) => ({ id: m.id }) } },
    },
    resolvers: {
      Query: {
        open: () => 'open',
        adminsOnly: () => 'for admins',
        forgotten: () => 'nobody declared me',
        everyMatter: () => matters.find({ order: { id: 'ASC' } }),
        anyMatter: (_: unknown, { id }: { id: string }) => matters.findOneBy({ id }),
        bensMatter: () => matters.findOneBy({ id: benEstate.id }),
      },
      Matter: {
        __resolveReference: ({ id }: { id: string }) => matters.findOneBy({ id }),
        note: () => 'internal note',
      },
    },
  };
}

describe('the authorization mechanism, over resolvers that scope nothing', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let dir: string;
  let enforced: RunningServer;
  let unenforced: RunningServer;
  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    await seedFirm(testDb.db.dataSource);
    dir = await mkdtemp(path.join(tmpdir(), 'casebridge-authz-'));
    const schemaFile = pathToFileURL(path.join(dir, 'schema.graphql'));
    await writeFile(schemaFile, SDL);
    const options = { config, dataSource: testDb.db.dataSource, logger: createLogger('test', 'silent'), port: 0 };
    enforced = await startSubgraphServer(unscopedDefinition(testDb.db.dataSource, schemaFile), options);
    unenforced = await startSubgraphServer(unscopedDefinition(testDb.db.dataSource, schemaFile), { ...options, enforceAuthorization: false });
  });
  afterAll(async () => {
    await enforced?.close();
    await unenforced?.close();
    await testDb?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const ask = async (server: RunningServer, who: keyof typeof principals, query: string, variables: Record<string, unknown> = {}) =>
    (await postGraphQL(server.url, query, variables, await asGateway(principals[who], config))).body;
  const codes = (body: { errors?: Array<{ path?: Array<string | number>; extensions?: { code?: string } }> }) =>
    (body.errors ?? []).map((e) => `${e.path?.join('.')}:${e.extensions?.code}`);

  it('enforces a directive on a root field: FORBIDDEN for that field, the rest of the answer intact', async () => {
    const asAva = await ask(enforced, 'ava', '{ open adminsOnly }');
    expect(asAva.data).toEqual({ open: 'open', adminsOnly: null });
    expect(codes(asAva)).toEqual(['adminsOnly:FORBIDDEN']);
    expect((await ask(enforced, 'admin', '{ open adminsOnly }')).data).toEqual({ open: 'open', adminsOnly: 'for admins' });
  });

  it('refuses a field nobody declared, to everyone', async () => {
    for (const who of ['ava', 'sarah', 'admin'] as const) expect(codes(await ask(enforced, who, '{ forgotten }'))).toEqual(['forgotten:FORBIDDEN']);
  });

  it("keeps other clients' objects out of lists and out of aliased root fields, as if they did not exist", async () => {
    const list = await querySubgraph<{ everyMatter: Array<{ id: string }> }>(enforced.url, principals.ava, config, '{ everyMatter { id } }');
    expect(list.everyMatter.map((m) => m.id)).toEqual([avaLitigation.id, avaLease.id]);
    const aliased = await querySubgraph(enforced.url, principals.ava, config, `query($mine: ID!, $his: ID!) {
      a: anyMatter(id: $mine) { ...M } b: anyMatter(id: $his) { ...M } c: anyMatter(id: "nope") { ...M } }
      fragment M on Matter { id ... on Matter { title } }`, { mine: avaLitigation.id, his: benEstate.id });
    expect(aliased).toEqual({ a: { id: avaLitigation.id, title: avaLitigation.title }, b: null, c: null });
  });

  it('answers a non-null field holding an object the caller may not see as "not found", nothing more', async () => {
    const body = await ask(enforced, 'ava', '{ bensMatter { id title } }');
    expect(body).toEqual({ data: null, errors: [{ message: 'Not found.', path: ['bensMatter'], locations: expect.any(Array), extensions: { code: 'NOT_FOUND' } }] });
  });

  it("resolves another client's entity to null, byte for byte like a missing one; and an entity type without a rule for nobody", async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Matter { id title note } ... on Stray { id } } }';
    const raw = async (r: unknown[]) => (await postGraphQLText(enforced.url, query, { r }, await asGateway(principals.ava, config))).text;
    const his = await raw([{ __typename: 'Matter', id: benEstate.id }]);
    expect(his).toBe(await raw([{ __typename: 'Matter', id: 'no-such-matter' }]));
    expect(JSON.parse(his)).toEqual({ data: { _entities: [null] } });
    expect(JSON.parse(await raw([{ __typename: 'Stray', id: '1' }]))).toEqual({ data: { _entities: [null] } });
    const mine = await ask(enforced, 'ava', query, { r: [{ __typename: 'Matter', id: avaLitigation.id }] });
    expect(mine.data).toEqual({ _entities: [{ id: avaLitigation.id, title: avaLitigation.title, note: null }] });
    expect(codes(mine)).toEqual(['_entities.0.note:FORBIDDEN']);
    const asSarah = await ask(enforced, 'sarah', query, { r: [{ __typename: 'Matter', id: avaLitigation.id }] });
    expect(asSarah).toEqual({ data: { _entities: [{ id: avaLitigation.id, title: avaLitigation.title, note: 'internal note' }] } });
  });

  it('is what held the line: with enforcement off (benchmarks only), the unscoped resolvers leak', async () => {
    const list = await querySubgraph<{ everyMatter: Array<{ id: string }> }>(unenforced.url, principals.ava, config, '{ everyMatter { id } adminsOnly }');
    expect(list).toEqual({ everyMatter: [{ id: avaLitigation.id }, { id: avaLease.id }, { id: benEstate.id }], adminsOnly: 'for admins' });
  });
});
