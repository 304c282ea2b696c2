import type { NotificationConnectionResolvers } from '../generated/resolvers.js';

export const NotificationConnection: NotificationConnectionResolvers = {
  nodes: (page) => page.edges.map((edge) => edge.node),
};
