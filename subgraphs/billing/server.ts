import { startSubgraphServer, type RunningServer, type SubgraphOptions } from '../../shared/graphql/subgraph-server.js';
import { createBillingLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { authorization } from './authorization.js';

/** The billing subgraph: bills and balances. */
export function startBillingSubgraph(options: SubgraphOptions): Promise<RunningServer> {
  return startSubgraphServer({
    name: 'billing',
    schemaFile: new URL('./schema.graphql', import.meta.url),
    resolvers,
    authorization,
    createLoaders: (principal) => createBillingLoaders(options.dataSource, principal),
  }, options);
}
