import type { SubgraphResolvers } from '../../../shared/graphql/subgraph-server.js';
import type { NotificationsLoaders } from '../loaders.js';
import { Query } from './Query.js';
import { Mutation } from './Mutation.js';
import { Notification } from './Notification.js';
import { NotificationConnection } from './NotificationConnection.js';
import { NotificationPreferences } from './NotificationPreferences.js';

export const resolvers: SubgraphResolvers<NotificationsLoaders> = { Query, Mutation, Notification, NotificationConnection, NotificationPreferences };
