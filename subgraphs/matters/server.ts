import { startSubgraphServer, type RunningServer, type SubgraphOptions } from '../../shared/graphql/subgraph-server.js';
import { createMattersLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

/** The matters subgraph: clients, matters and their events. */
export function startMattersSubgraph(options: SubgraphOptions): Promise<RunningServer> {
  return startSubgraphServer({
    name: 'matters',
    schemaFile: new URL('./schema.graphql', import.meta.url),
    resolvers,
    createLoaders: (principal) => createMattersLoaders(options.dataSource, principal),
  }, options);
}
