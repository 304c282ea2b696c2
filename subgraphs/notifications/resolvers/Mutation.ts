import type { NotificationsContext } from '../loaders.js';

export const Mutation = {
  markNotificationsRead: (_: unknown, { ids }: { ids: string[] }, { loaders }: NotificationsContext) => loaders.markRead(ids),
  updateNotificationPreferences: (_: unknown, { input }: { input: unknown }, { loaders }: NotificationsContext) => loaders.updatePreferences(input),
};
