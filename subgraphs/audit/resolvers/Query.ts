import type { QueryResolvers } from '../generated/resolvers.js';

export const Query: QueryResolvers = {
  auditLog: (_, args, { loaders }) => loaders.page(args),
};
