import { startSubgraphServer, type RunningServer, type SubgraphOptions } from '../../shared/graphql/subgraph-server.js';
import { createMattersLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { authorization } from './authorization.js';
import { createMailer } from '../../shared/mail/index.js';
import { createInvitations } from './invitations.js';
import { createMutation } from './resolvers/Mutation.js';

/** The matters subgraph: clients, matters and their events; staff invite clients to the portal. */
export function startMattersSubgraph(options: SubgraphOptions): Promise<RunningServer> {
  const invitations = createInvitations({ ...options, mailer: createMailer(options.config, options.logger) });
  return startSubgraphServer({
    name: 'matters',
    schemaFile: new URL('./schema.graphql', import.meta.url),
    resolvers: { ...resolvers, Mutation: createMutation(invitations) },
    authorization,
    createLoaders: (principal) => createMattersLoaders(options.dataSource, principal),
  }, options);
}
