import type { Resolvers } from '../generated/resolvers.js';
import { Query } from './Query.js';
import { Mutation } from './Mutation.js';
import { Notification } from './Notification.js';
import { NotificationConnection } from './NotificationConnection.js';
import { NotificationPreferences } from './NotificationPreferences.js';

export const resolvers: Resolvers = { Query, Mutation, Notification, NotificationConnection, NotificationPreferences };
