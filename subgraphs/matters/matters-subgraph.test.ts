/**
 * The matters subgraph on its own, called as the gateway calls it: root fields and `_entities`
 * answer only what the caller may see, and nothing is served without the gateway's identity.
 */
import { loadConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import type { RunningServer } from '../../shared/graphql/subgraph-server.js';
import { createMigratedTestDatabase } from '../../test/support/database.js';
import { FIRM, principals, seedFirm } from '../../test/support/firm.js';
import { FEDERATION_PROBES, postGraphQL, querySubgraph } from '../../test/support/graphql.js';
import { signSubgraphIdentity } from '../../shared/auth/subgraph-identity.js';
import { startMattersSubgraph } from './server.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const { avaLitigation, avaLease, benEstate } = FIRM.matters;

describe('the matters subgraph', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let subgraph: RunningServer;
  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    await seedFirm(testDb.db.dataSource);
    subgraph = await startMattersSubgraph({ config, dataSource: testDb.db.dataSource, logger: createLogger('test', 'silent'), port: 0 });
  });
  afterAll(async () => {
    await subgraph?.close();
    await testDb?.drop();
  });

  it('resolves Matter references by id and by number, and Client references, only when visible', async () => {
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      __typename ... on Matter { id number title client { name } } ... on Client { id name } } }`;
    const representations = [
      { __typename: 'Matter', id: avaLitigation.id },
      { __typename: 'Matter', number: avaLease.number },
      { __typename: 'Matter', id: benEstate.id },
      { __typename: 'Matter', number: benEstate.number },
      { __typename: 'Matter', id: 'no-such-matter' },
      { __typename: 'Client', id: FIRM.ava.id },
      { __typename: 'Client', id: FIRM.ben.id },
    ];
    const asAva = await querySubgraph<{ _entities: unknown[] }>(subgraph.url, principals.ava, config, query, { representations });
    expect(asAva._entities).toEqual([
      { __typename: 'Matter', id: avaLitigation.id, number: avaLitigation.number, title: avaLitigation.title, client: { name: 'Ava Martin' } },
      { __typename: 'Matter', id: avaLease.id, number: avaLease.number, title: avaLease.title, client: { name: 'Ava Martin' } },
      null, null, null,
      { __typename: 'Client', id: FIRM.ava.id, name: 'Ava Martin' },
      null,
    ]);
    const asSarah = await querySubgraph<{ _entities: Array<{ id: string } | null> }>(subgraph.url, principals.sarah, config, query, { representations });
    expect(asSarah._entities.map((e) => e?.id ?? null)).toEqual([avaLitigation.id, null, benEstate.id, benEstate.id, null, FIRM.ava.id, FIRM.ben.id]);
  });

  it('lists the matters each role may see', async () => {
    const numbers = async (who: keyof typeof principals) =>
      (await querySubgraph<{ matters: Array<{ number: string }> }>(subgraph.url, principals[who], config, '{ matters { number } }')).matters.map((m) => m.number);
    expect(await numbers('ava')).toEqual([avaLitigation.number, avaLease.number]);
    expect(await numbers('ben')).toEqual([benEstate.number]);
    expect(await numbers('sarah')).toEqual([avaLitigation.number, benEstate.number]);
    expect(await numbers('admin')).toEqual([avaLitigation.number, avaLease.number, benEstate.number]);
  });

  it("answers null for another client's matter, exactly as for a missing one", async () => {
    const query = 'query($id: ID!) { matter(id: $id) { id } }';
    expect(await querySubgraph(subgraph.url, principals.ava, config, query, { id: benEstate.id })).toEqual({ matter: null });
    expect(await querySubgraph(subgraph.url, principals.ava, config, query, { id: 'nope' })).toEqual({ matter: null });
    expect(await querySubgraph(subgraph.url, principals.ben, config, query, { id: benEstate.id })).toEqual({ matter: { id: benEstate.id } });
  });

  it('serves the viewer, events and the next hearing or trial', async () => {
    const data = await querySubgraph<{
      me: unknown;
      matter: { openedAt: string; events: Array<{ title: string; startsAt: string }>; upcoming: Array<{ title: string }>; nextHearing: { kind: string; title: string } };
    }>(subgraph.url, principals.ava, config, `query($id: ID!) {
      me { id email role client { name matters { number } } }
      matter(id: $id) { openedAt events { title startsAt } upcoming: events(upcoming: true) { title } nextHearing { kind title } } }`, { id: avaLitigation.id });
    expect(data.me).toEqual({ id: 'acc-ava', email: FIRM.ava.email, role: 'CLIENT', client: { name: 'Ava Martin', matters: [{ number: avaLitigation.number }, { number: avaLease.number }] } });
    expect(data.matter.openedAt).toBe('2025-03-01');
    expect(data.matter.events.map((e) => e.title)).toEqual(['Past hearing', 'Discovery responses due', 'Motion hearing', 'Trial']);
    expect(data.matter.events[0]!.startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(data.matter.upcoming.map((e) => e.title)).toEqual(['Discovery responses due', 'Motion hearing', 'Trial']);
    expect(data.matter.nextHearing).toEqual({ kind: 'HEARING', title: 'Motion hearing' });
  });

  it('refuses every operation without a valid gateway identity', async () => {
    for (const query of [...FEDERATION_PROBES, '{ matters { id } }']) {
      const signedWithAnotherSecret = await signSubgraphIdentity(principals.admin, 'not-the-subgraph-secret-but-long-enough-anyway', { subgraph: 'matters', operation: { query, variables: {} } });
      for (const headers of [{}, { 'x-casebridge-identity': 'forged' }, { 'x-casebridge-identity': signedWithAnotherSecret }] as Array<Record<string, string>>) {
        const { status, body } = await postGraphQL(subgraph.url, query, {}, headers);
        expect(status).toBe(401);
        expect(body.data).toBeUndefined();
        expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      }
    }
  });
});
