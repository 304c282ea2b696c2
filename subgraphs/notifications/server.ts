import { startSubgraphServer, type RunningServer, type SubgraphOptions } from '../../shared/graphql/subgraph-server.js';
import { createNotificationsLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { authorization } from './authorization.js';

/** The notifications subgraph: a client's messages. */
export function startNotificationsSubgraph(options: SubgraphOptions): Promise<RunningServer> {
  return startSubgraphServer({
    name: 'notifications',
    schemaFile: new URL('./schema.graphql', import.meta.url),
    resolvers,
    authorization,
    createLoaders: (principal) => createNotificationsLoaders(options.dataSource, principal, options.config.notifications.digestWindowSeconds),
  }, options);
}
