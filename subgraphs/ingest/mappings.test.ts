/**
 * Staff read and add value mappings through the ingest subgraph: a new version per change, the
 * canonical value checked against the kind's values; staff read them, only admins change them.
 */
import { loadConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import type { RunningServer } from '../../shared/graphql/subgraph-server.js';
import { createMigratedTestDatabase } from '../../test/support/database.js';
import { principals } from '../../test/support/firm.js';
import { asGateway, postGraphQL, querySubgraph } from '../../test/support/graphql.js';
import { startIngestSubgraph } from './server.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const ADD = `mutation($kind: MappingKind!, $raw: String!, $canonical: String!) {
  addValueMapping(kind: $kind, rawValue: $raw, canonical: $canonical) { waiting mapping { kind rawValue canonical version createdBy } } }`;
const LIST = `query($kind: MappingKind) { valueMappings(kind: $kind) { kind rawValue canonical version createdBy } }`;

describe('value mappings in the graph', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let subgraph: RunningServer;
  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    subgraph = await startIngestSubgraph({ config, dataSource: testDb.db.dataSource, logger: createLogger('test', 'silent'), port: 0 });
  });
  afterAll(async () => {
    await subgraph?.close();
    await testDb?.drop();
  });

  it('lists the seeded mappings, Ava\'s "depo transcript" among them', async () => {
    const { valueMappings } = await querySubgraph<{ valueMappings: Array<{ rawValue: string; canonical: string; version: number; createdBy: string }> }>(
      subgraph.url, principals.sarah, config, LIST, { kind: 'DOCUMENT_TYPE' });
    expect(valueMappings).toContainEqual({ kind: 'DOCUMENT_TYPE', rawValue: 'depo transcript', canonical: 'DEPOSITION_TRANSCRIPT', version: 1, createdBy: 'seed' });
  });

  it('adds a new version for admins and names the allowed values when the canonical one is wrong; staff may not change the firm\'s mappings', async () => {
    const refused = await postGraphQL(subgraph.url, ADD, { kind: 'CASE_STATUS', raw: 'Appeal', canonical: 'TRIAL' }, await asGateway(principals.sarah, config));
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const added = await querySubgraph<{ addValueMapping: { waiting: number; mapping: { rawValue: string; version: number } } }>(
      subgraph.url, principals.admin, config, ADD, { kind: 'CASE_STATUS', raw: 'Appeal', canonical: 'TRIAL' });
    expect(added.addValueMapping).toEqual({ waiting: 0, mapping: { kind: 'CASE_STATUS', rawValue: 'appeal', canonical: 'TRIAL', version: 2, createdBy: principals.admin.email } });

    const bad = await postGraphQL(subgraph.url, ADD, { kind: 'CASE_STATUS', raw: 'Appeal', canonical: 'WON' }, await asGateway(principals.admin, config));
    expect(bad.body.errors?.[0]).toMatchObject({ message: expect.stringContaining('NEW, ACTIVE, PLEADINGS'), extensions: { code: 'BAD_USER_INPUT' } });
    const empty = await postGraphQL(subgraph.url, ADD, { kind: 'CASE_STATUS', raw: ' -- ', canonical: 'TRIAL' }, await asGateway(principals.admin, config));
    expect(empty.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses clients', async () => {
    const { body } = await postGraphQL(subgraph.url, ADD, { kind: 'CASE_STATUS', raw: 'Appeal', canonical: 'TRIAL' }, await asGateway(principals.ava, config));
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [{ n }] = await testDb.db.dataSource.query(`SELECT count(*)::int AS n FROM sync.value_mappings WHERE raw_value = 'appeal'`);
    expect(n).toBe(2);
  });
});
