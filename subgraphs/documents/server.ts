import { startSubgraphServer, type RunningServer, type SubgraphOptions } from '../../shared/graphql/subgraph-server.js';
import { createDocumentsLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { authorization } from './authorization.js';

/** The documents subgraph: the DMS documents of each matter. */
export function startDocumentsSubgraph(options: SubgraphOptions): Promise<RunningServer> {
  return startSubgraphServer({
    name: 'documents',
    schemaFile: new URL('./schema.graphql', import.meta.url),
    resolvers,
    authorization,
    createLoaders: (principal) => createDocumentsLoaders(options.dataSource, principal, options.config.auth.subgraphSecret),
  }, options);
}
