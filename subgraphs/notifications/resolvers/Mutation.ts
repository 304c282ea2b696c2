import type { MutationResolvers } from '../generated/resolvers.js';

export const Mutation: MutationResolvers = {
  markNotificationsRead: (_, { ids }, { loaders }) => loaders.markRead(ids),
  updateNotificationPreferences: (_, { input }, { loaders }) => loaders.updatePreferences(input),
};
