import type { NotificationResolvers } from '../generated/resolvers.js';

export const Notification: NotificationResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.notificationById.load(id),
  /** A reference the matters subgraph resolves under its own access rule. */
  matter: (notification) => (notification.matterId ? { id: notification.matterId } : null),
  emailStatus: (notification) =>
    notification.status === 'PENDING' ? 'WAITING' : notification.status === 'CLAIMED' || notification.status === 'SENT' ? 'EMAILED' : 'NOT_EMAILED',
};
