import type { NotificationsContext } from '../loaders.js';

interface NotificationsArgs {
  unreadOnly?: boolean | null;
  first?: number | null;
  after?: string | null;
}

export const Query = {
  notifications: (_: unknown, args: NotificationsArgs, { loaders }: NotificationsContext) => loaders.page(args),
  notification: (_: unknown, { id }: { id: string }, { loaders }: NotificationsContext) => loaders.notificationById.load(id),
  notificationPreferences: (_: unknown, __: unknown, { loaders }: NotificationsContext) => loaders.preferences(),
};
