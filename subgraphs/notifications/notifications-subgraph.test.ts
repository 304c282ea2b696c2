/**
 * The notifications subgraph on its own: a client pages through their own notifications by
 * cursor and marks them read; nobody else's are ever listed, changed or resolved.
 */
import { loadConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import type { RunningServer } from '../../shared/graphql/subgraph-server.js';
import { createMigratedTestDatabase } from '../../test/support/database.js';
import { FIRM, principals, seedFirm } from '../../test/support/firm.js';
import { FEDERATION_PROBES, asGateway, postGraphQL, querySubgraph } from '../../test/support/graphql.js';
import { NotificationRow } from './entities/index.js';
import { startNotificationsSubgraph } from './server.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const PAGE = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    edges { cursor node { id title matter { id } readAt } } nodes { id } pageInfo { hasNextPage endCursor } } }`;

interface Page {
  notifications: {
    edges: Array<{ cursor: string; node: { id: string; title: string; matter: { id: string } | null; readAt: string | null } }>;
    nodes: Array<{ id: string }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('the notifications subgraph', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let subgraph: RunningServer;
  const avaIds: string[] = [];
  let benId = '';
  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    await seedFirm(testDb.db.dataSource);
    const repo = testDb.db.dataSource.getRepository(NotificationRow);
    // Five of Ava's, two of them in the same microsecond-precise instant, and one of Ben's.
    await testDb.db.dataSource.query(`INSERT INTO notifications.notifications (client_id, matter_id, title, body, created_at) VALUES
      ('101', '501', 'n1', 'b', '2026-01-01T10:00:00.000001Z'), ('101', NULL, 'n2', 'b', '2026-01-01T10:00:00.000002Z'),
      ('101', '501', 'n3', 'b', '2026-01-01T10:00:00.000002Z'), ('101', '502', 'n4', 'b', '2026-01-02T10:00:00Z'),
      ('101', '501', 'n5', 'b', '2026-01-03T10:00:00Z'), ('102', '503', 'ben', 'b', '2026-01-03T10:00:00Z')`);
    for (const row of await repo.find({ order: { createdAt: 'DESC', id: 'DESC' } })) {
      if (row.clientId === FIRM.ava.id) avaIds.push(row.id);
      else benId = row.id;
    }
    subgraph = await startNotificationsSubgraph({ config, dataSource: testDb.db.dataSource, logger: createLogger('test', 'silent'), port: 0 });
  });
  afterAll(async () => {
    await subgraph?.close();
    await testDb?.drop();
  });

  it("pages through the caller's own notifications, newest first, without gaps or repeats", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const { notifications }: Page = await querySubgraph<Page>(subgraph.url, principals.ava, config, PAGE, { first: 2, after });
      expect(notifications.nodes.map((n) => n.id)).toEqual(notifications.edges.map((e) => e.node.id));
      seen.push(...notifications.edges.map((e) => e.node.id));
      if (!notifications.pageInfo.hasNextPage) break;
      after = notifications.pageInfo.endCursor;
    }
    expect(seen).toEqual(avaIds);
    const first = await querySubgraph<Page>(subgraph.url, principals.ava, config, PAGE, { first: 1 });
    expect(first.notifications.edges[0]!.node).toEqual({ id: avaIds[0], title: 'n5', matter: { id: '501' }, readAt: null });
  });

  it('validates first and after with BAD_USER_INPUT', async () => {
    for (const variables of [{ first: 0 }, { first: 101 }, { after: 'not-a-cursor' }, { after: Buffer.from('["x","y"]').toString('base64url') }]) {
      const { body } = await postGraphQL(subgraph.url, PAGE, variables, await asGateway(principals.ava, config));
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it("marks only the caller's notifications read, and filters unread ones", async () => {
    const mark = 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }';
    const marked = await querySubgraph<{ markNotificationsRead: Array<{ id: string; readAt: string | null }> }>(
      subgraph.url, principals.ava, config, mark, { ids: [avaIds[1], benId, 'not-a-uuid'] });
    expect(marked.markNotificationsRead.map((n) => n.id)).toEqual([avaIds[1]]);
    expect(marked.markNotificationsRead[0]!.readAt).toMatch(/Z$/);
    const unread = await querySubgraph<Page>(subgraph.url, principals.ava, config, PAGE, { unreadOnly: true, first: 10 });
    expect(unread.notifications.edges.map((e) => e.node.id)).toEqual(avaIds.filter((id) => id !== avaIds[1]));
    const ben = await querySubgraph<Page>(subgraph.url, principals.ben, config, PAGE, { unreadOnly: true });
    expect(ben.notifications.edges.map((e) => e.node.readAt)).toEqual([null]);
    const staff = await querySubgraph<Page>(subgraph.url, principals.sarah, config, PAGE, {});
    expect(staff.notifications.edges).toEqual([]);
  });

  it("resolves Notification references only for the caller's client", async () => {
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Notification { id title } } }`;
    const representations = [avaIds[0], benId, 'not-a-uuid'].map((id) => ({ __typename: 'Notification', id }));
    const data = await querySubgraph<{ _entities: unknown[] }>(subgraph.url, principals.ava, config, query, { representations });
    expect(data._entities).toEqual([{ id: avaIds[0], title: 'n5' }, null, null]);
  });

  it('refuses every operation without the gateway identity', async () => {
    for (const query of [...FEDERATION_PROBES, '{ notifications { nodes { id } } }']) {
      const { status, body } = await postGraphQL(subgraph.url, query);
      expect(status).toBe(401);
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
  });
});
