import { startSubgraphServer, type RunningServer, type SubgraphOptions } from '../../shared/graphql/subgraph-server.js';
import { createAuditLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { authorization } from './authorization.js';

/** The audit subgraph: the audit log, for admins. */
export function startAuditSubgraph(options: SubgraphOptions): Promise<RunningServer> {
  return startSubgraphServer({
    name: 'audit',
    schemaFile: new URL('./schema.graphql', import.meta.url),
    resolvers,
    authorization,
    createLoaders: (principal) => createAuditLoaders(options.dataSource, principal),
  }, options);
}
