import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '../../shared/auth/principal.js';
import { badUserInput, forbidden } from '../../shared/errors.js';
import { loaderOfOne } from '../../shared/graphql/loaders.js';
import type { SubgraphContext } from '../../shared/graphql/subgraph-server.js';
import { createVisibility } from '../matters/published-queries.js';
import { NotificationRow } from './entities/index.js';
import { decodeCursor, encodeCursor, pageSize } from './paging.js';
import { preferencesOf, updatePreferences } from './delivery/preferences.js';
import type { PreferencesOfClient } from './resolvers/NotificationPreferences.js';
import type { QueryNotificationsArgs } from './generated/resolvers.js';

export type NotificationsLoaders = ReturnType<typeof createNotificationsLoaders>;
export type NotificationsContext = SubgraphContext<NotificationsLoaders>;

export interface NotificationPage {
  edges: Array<{ cursor: string; node: NotificationRow }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const MAX_IDS = 100;
const isUuid = (id: string) => z.uuid().safeParse(id).success;

/**
 * One request's reads and writes, scoped to the caller's client: the access rule of this context
 * is that a notification is its client's alone, so every query here filters on it.
 */
export function createNotificationsLoaders(dataSource: DataSource, principal: Principal, windowSeconds: number) {
  const clientId = principal.clientId;
  // A withdrawn notification was never news: the portal does not show it either.
  const mine = () => dataSource.getRepository(NotificationRow).createQueryBuilder('n')
    .where('n.clientId = :clientId', { clientId }).andWhere(`n.status <> 'WITHDRAWN'`);

  return {
    /** Whether the caller may see a notification's matter, as the matters context decides. */
    visibility: createVisibility(dataSource, principal),
    notificationById: loaderOfOne(async (ids) => {
      const wellFormed = ids.filter(isUuid);
      return clientId && wellFormed.length ? mine().andWhere('n.id = ANY(:ids)', { ids: wellFormed }).getMany() : [];
    }, (n) => n.id),

    /** Newest first, keyed by the exact (createdAt, id) of each row. */
    async page(args: QueryNotificationsArgs): Promise<NotificationPage> {
      const size = pageSize(args.first);
      const after = args.after ? decodeCursor(args.after) : null;
      if (!clientId) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
      const query = mine().addSelect('n.created_at::text', 'created_at_exact');
      if (args.unreadOnly) query.andWhere('n.readAt IS NULL');
      if (after) query.andWhere('(n.created_at, n.id) < (CAST(:afterCreatedAt AS timestamptz), CAST(:afterId AS uuid))', { afterCreatedAt: after.createdAt, afterId: after.id });
      const { raw, entities } = await query
        .orderBy('n.createdAt', 'DESC').addOrderBy('n.id', 'DESC')
        .limit(size + 1)
        .getRawAndEntities<{ n_id: string; created_at_exact: string }>();
      const exact = new Map(raw.map((row) => [row.n_id, row.created_at_exact]));
      const edges = entities.slice(0, size).map((node) => ({ cursor: encodeCursor({ createdAt: exact.get(node.id) ?? '', id: node.id }), node }));
      return { edges, pageInfo: { hasNextPage: entities.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
    },

    /** The calling client's delivery preferences (the defaults until they choose). */
    async preferences(): Promise<PreferencesOfClient> {
      if (!clientId) throw forbidden('Only clients have notification preferences.');
      return { clientId, ...(await preferencesOf(dataSource, [clientId])).get(clientId)! };
    },

    async updatePreferences(input: unknown): Promise<PreferencesOfClient> {
      if (!clientId) throw forbidden('Only clients have notification preferences.');
      return { clientId, ...(await updatePreferences(dataSource, clientId, input, windowSeconds)) };
    },

    /** Marks the caller's notifications among `ids` read (once: a later call keeps the first time). */
    async markRead(ids: readonly string[]): Promise<NotificationRow[]> {
      if (ids.length > MAX_IDS) throw badUserInput(`At most ${MAX_IDS} ids at a time.`, 'ids');
      const wanted = [...new Set(ids)].filter(isUuid);
      if (!clientId || wanted.length === 0) return [];
      await dataSource.getRepository(NotificationRow).createQueryBuilder()
        .update().set({ readAt: () => 'now()' })
        .where(`client_id = :clientId AND id = ANY(:ids) AND read_at IS NULL AND status <> 'WITHDRAWN'`, { clientId, ids: wanted })
        .execute();
      return mine().andWhere('n.id = ANY(:ids)', { ids: wanted }).orderBy('n.createdAt', 'DESC').addOrderBy('n.id', 'DESC').getMany();
    },
  };
}
