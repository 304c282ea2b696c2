import { startSubgraphServer, type RunningServer, type SubgraphOptions } from '../../shared/graphql/subgraph-server.js';
import { createIngestLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { authorization } from './authorization.js';

/** The ingest subgraph: sync health, the quarantine and the value mappings, for staff. */
export function startIngestSubgraph(options: SubgraphOptions): Promise<RunningServer> {
  return startSubgraphServer({
    name: 'ingest',
    schemaFile: new URL('./schema.graphql', import.meta.url),
    resolvers,
    authorization,
    createLoaders: (principal) => createIngestLoaders(options.dataSource, principal, Boolean(options.config.clio)),
  }, options);
}
