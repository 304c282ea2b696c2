import type { QueryResolvers } from '../generated/resolvers.js';

export const Query: QueryResolvers = {
  me: (_, __, { principal }) => principal,
  matters: (_, __, { loaders }) => loaders.allMatters(),
  matter: (_, { id }, { loaders }) => loaders.matterById.load(id),
};
