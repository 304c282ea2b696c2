import { startSubgraphServer, type RunningServer, type SubgraphOptions } from '../../shared/graphql/subgraph-server.js';
import { createNotificationsLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { authorization } from './authorization.js';
import { conversationResolvers } from './resolvers/Conversation.js';
import { Query } from './resolvers/Query.js';
import { Mutation } from './resolvers/Mutation.js';

/** The notifications subgraph: a client's messages. */
export function startNotificationsSubgraph(options: SubgraphOptions): Promise<RunningServer> {
  const conversations = conversationResolvers(options.dataSource);
  return startSubgraphServer({
    name: 'notifications',
    schemaFile: new URL('./schema.graphql', import.meta.url),
    resolvers: {
      ...resolvers,
      ...conversations,
      Query: { ...Query, ...conversations.Query },
      Mutation: { ...Mutation, ...conversations.Mutation },
    },
    authorization,
    createLoaders: (principal) => createNotificationsLoaders(options.dataSource, principal, options.config.notifications.digestWindowSeconds),
  }, options);
}
