import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { loaderOfOne } from '../../../shared/graphql/loaders.js';
import { StaffRow, type MatterRow } from '../entities/index.js';
import type { MattersContext } from '../loaders.js';
import { requestHandoff } from '../handoff.js';
import type { CmsClient } from '../legacy/cms-client.js';

/**
 * What the chatbot asks of the matters context (issue 10): who is responsible for a matter, and a
 * handoff to them. Kept apart from the read resolvers; server.ts merges them in.
 */
export function chatResolvers(dataSource: DataSource, cms: CmsClient | undefined) {
  // One staff loader per request (keyed by the request's loaders), so a list of matters costs one query.
  const staffLoaders = new WeakMap<object, DataLoader<string, StaffRow | null>>();
  const staffOf = (loaders: object) => {
    let loader = staffLoaders.get(loaders);
    if (!loader) staffLoaders.set(loaders, loader = loaderOfOne((ids) => dataSource.getRepository(StaffRow).createQueryBuilder('s').where('s.id = ANY(:ids)', { ids }).getMany(), (s) => s.id));
    return loader;
  };
  return {
    Mutation: {
      requestHandoff: (_: unknown, args: { matterId: string; summary: string }, { loaders }: MattersContext) =>
        requestHandoff({ dataSource, cms }, loaders, args),
    },
    Matter: {
      responsibleAttorney: async (matter: MatterRow, _: unknown, { loaders }: MattersContext) => {
        if (!matter.responsibleStaffId) return null;
        const staff = await staffOf(loaders).load(matter.responsibleStaffId);
        return staff ? { name: staff.name, email: staff.email } : null;
      },
    },
  };
}
