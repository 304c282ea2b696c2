import type { QueryResolvers } from '../generated/resolvers.js';

export const syncHealthQuery: Pick<QueryResolvers, 'syncHealth'> = {
  syncHealth: (_, _args, { loaders }) => loaders.syncHealth(),
};
