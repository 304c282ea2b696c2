import type { QueryResolvers } from '../generated/resolvers.js';

export const Query: QueryResolvers = {
  leads: (_, args, { loaders }) => loaders.page(args),
  lead: (_, { id }, { loaders }) => loaders.lead(id),
  routingReplay: (_, { since }, { loaders }) => loaders.replay(since),
};
