/**
 * The audit subgraph on its own: an admin pages through the whole log by cursor, newest first,
 * without gaps or repeats; nobody else reads a line of it, whichever way they ask.
 */
import { loadConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import type { RunningServer } from '../../shared/graphql/subgraph-server.js';
import { AuditEntryRow } from '../../shared/audit/AuditEntry.js';
import { createMigratedTestDatabase } from '../../test/support/database.js';
import { principals } from '../../test/support/firm.js';
import { FEDERATION_PROBES, asGateway, postGraphQL, querySubgraph } from '../../test/support/graphql.js';
import { createAuditLoaders } from './loaders.js';
import { startAuditSubgraph } from './server.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const PAGE = `query($filter: AuditLogFilter, $first: Int, $after: String) { auditLog(filter: $filter, first: $first, after: $after) {
  edges { cursor node { id operationName at } } nodes { id } pageInfo { hasNextPage endCursor } } }`;

interface Page {
  auditLog: {
    edges: Array<{ cursor: string; node: { id: string; operationName: string; at: string } }>;
    nodes: Array<{ id: string }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('the audit subgraph', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let subgraph: RunningServer;
  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    // Seven entries; three of them in the same instant, so only the id orders them.
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 10, i < 3 ? 0 : i));
    await testDb.db.dataSource.getRepository(AuditEntryRow).insert(Array.from({ length: 7 }, (_, i) => ({
      at: at(i), kind: 'GRAPHQL' as const, operationName: `Op${i}`, outcome: 'SUCCESS' as const, errorCodes: [], durationMs: i,
    })));
    subgraph = await startAuditSubgraph({ config, dataSource: testDb.db.dataSource, logger: createLogger('test', 'silent'), port: 0 });
  });
  afterAll(async () => {
    await subgraph?.close();
    await testDb?.drop();
  });

  it('pages an admin through the log, newest first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const { auditLog }: Page = await querySubgraph<Page>(subgraph.url, principals.admin, config, PAGE, { first: 3, after });
      expect(auditLog.nodes.map((n) => n.id)).toEqual(auditLog.edges.map((e) => e.node.id));
      seen.push(...auditLog.edges.map((e) => e.node.operationName));
      if (!auditLog.pageInfo.hasNextPage) break;
      after = auditLog.pageInfo.endCursor;
    }
    expect(seen).toEqual(['Op6', 'Op5', 'Op4', 'Op3', 'Op2', 'Op1', 'Op0']);
  });

  it('filters by time: from inclusive, to exclusive', async () => {
    const filter = { from: '2026-01-01T10:03:00Z', to: '2026-01-01T10:05:00.000+00:00' };
    const { auditLog } = await querySubgraph<Page>(subgraph.url, principals.admin, config, PAGE, { filter });
    expect(auditLog.edges.map((e) => e.node.operationName)).toEqual(['Op4', 'Op3']);
    expect(auditLog.edges[0]!.node.at).toBe('2026-01-01T10:04:00.000Z');
  });

  it.each(['2026-01-01T10:03:00', '2026-01-01', 'yesterday'])('refuses the timestamp %s (no offset) with BAD_USER_INPUT naming where it was', async (from) => {
    const { body } = await postGraphQL(subgraph.url, PAGE, { filter: { from } }, await asGateway(principals.admin, config));
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.message).toMatch(/"\$filter".*"filter\.from".*DateTime must be ISO 8601 with an offset/);
  });

  it.each([['first: 0', { first: 0 }], ['first: 101', { first: 101 }], ['a forged cursor', { after: Buffer.from('audit:1 OR 1=1').toString('base64url') }]])(
    'answers %s with BAD_USER_INPUT', async (_, variables) => {
      const { body } = await postGraphQL(subgraph.url, PAGE, variables, await asGateway(principals.admin, config));
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    });

  it.each(['ava', 'sarah'] as const)('refuses the log to %s', async (who) => {
    const { body } = await postGraphQL(subgraph.url, PAGE, {}, await asGateway(principals[who], config));
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // Behind the schema's rule, the read itself refuses too.
    await expect(createAuditLoaders(testDb.db.dataSource, principals[who]).page({})).rejects.toThrow(/Only admins/);
  });

  it.each([['auditLog', PAGE], ...FEDERATION_PROBES.map((probe) => [probe, probe])])('refuses %s without the gateway', async (_, query) => {
    const { body } = await postGraphQL(subgraph.url, query);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
