import type { NotificationPage } from '../loaders.js';

export const NotificationConnection = {
  nodes: (page: NotificationPage) => page.edges.map((edge) => edge.node),
};
