import type { QueryResolvers } from '../generated/resolvers.js';

export const Query: QueryResolvers = {
  notifications: (_, args, { loaders }) => loaders.page(args),
  notification: (_, { id }, { loaders }) => loaders.notificationById.load(id),
  notificationPreferences: (_, __, { loaders }) => loaders.preferences(),
};
