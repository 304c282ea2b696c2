import type { NotificationRow } from '../entities/index.js';
import type { NotificationsContext } from '../loaders.js';

export const Notification = {
  __resolveReference: ({ id }: { id: string }, { loaders }: NotificationsContext) => loaders.notificationById.load(id),
  /** A reference the matters subgraph resolves under its own access rule. */
  matter: (notification: NotificationRow) => (notification.matterId ? { id: notification.matterId } : null),
  createdAt: (notification: NotificationRow) => notification.createdAt.toISOString(),
  readAt: (notification: NotificationRow) => notification.readAt?.toISOString() ?? null,
  emailStatus: (notification: NotificationRow) =>
    notification.status === 'PENDING' ? 'WAITING' : notification.status === 'CLAIMED' || notification.status === 'SENT' ? 'EMAILED' : 'NOT_EMAILED',
};
