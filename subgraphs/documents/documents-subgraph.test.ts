/**
 * The documents subgraph on its own: documents hang off matters by display number, and a document
 * is visible exactly when its matter is.
 */
import { loadConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import type { RunningServer } from '../../shared/graphql/subgraph-server.js';
import { createMigratedTestDatabase } from '../../test/support/database.js';
import { FIRM, principals, seedFirm } from '../../test/support/firm.js';
import { FEDERATION_PROBES, postGraphQL, querySubgraph } from '../../test/support/graphql.js';
import { startDocumentsSubgraph } from './server.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const { avaLitigation, benEstate } = FIRM.matters;
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  __typename ... on Document { id name kind tags receivedAt matter { number } } ... on Matter { number documents { id kind } } } }`;

describe('the documents subgraph', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let subgraph: RunningServer;
  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    await seedFirm(testDb.db.dataSource);
    subgraph = await startDocumentsSubgraph({ config, dataSource: testDb.db.dataSource, logger: createLogger('test', 'silent'), port: 0 });
  });
  afterAll(async () => {
    await subgraph?.close();
    await testDb?.drop();
  });

  it('resolves Matter references by number to their documents, newest first, only for visible matters', async () => {
    const representations = [
      { __typename: 'Matter', number: avaLitigation.number },
      { __typename: 'Matter', number: benEstate.number },
      { __typename: 'Matter', number: 'no-such-matter' },
    ];
    const asAva = await querySubgraph<{ _entities: unknown[] }>(subgraph.url, principals.ava, config, ENTITIES, { representations });
    expect(asAva._entities).toEqual([
      { __typename: 'Matter', number: avaLitigation.number, documents: [{ id: 'd2', kind: 'DEPOSITION_TRANSCRIPT' }, { id: 'd1', kind: 'PLEADING' }] },
      null,
      null,
    ]);
    const asBen = await querySubgraph<{ _entities: unknown[] }>(subgraph.url, principals.ben, config, ENTITIES, { representations });
    expect(asBen._entities).toEqual([null, { __typename: 'Matter', number: benEstate.number, documents: [{ id: 'd4', kind: 'EVIDENCE' }] }, null]);
  });

  it('resolves Document references with a { number } reference to their matter, only when the matter is visible', async () => {
    const representations = [{ __typename: 'Document', id: 'd1' }, { __typename: 'Document', id: 'd4' }, { __typename: 'Document', id: 'nope' }];
    const asAva = await querySubgraph<{ _entities: Array<Record<string, unknown> | null> }>(subgraph.url, principals.ava, config, ENTITIES, { representations });
    expect(asAva._entities[0]).toEqual({
      __typename: 'Document', id: 'd1', name: 'Complaint.pdf', kind: 'PLEADING', tags: ['client-visible'],
      receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/), matter: { number: avaLitigation.number },
    });
    expect(asAva._entities.slice(1)).toEqual([null, null]);
    const asAdmin = await querySubgraph<{ _entities: Array<{ id: string } | null> }>(subgraph.url, principals.admin, config, ENTITIES, { representations });
    expect(asAdmin._entities.map((e) => e?.id ?? null)).toEqual(['d1', 'd4', null]);
  });

  it('refuses every operation without the gateway identity', async () => {
    for (const query of FEDERATION_PROBES) {
      const { status, body } = await postGraphQL(subgraph.url, query);
      expect(status).toBe(401);
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
  });
});
