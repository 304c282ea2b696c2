import { startSubgraphServer, type RunningServer, type SubgraphOptions } from '../../shared/graphql/subgraph-server.js';
import { createMattersLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { authorization } from './authorization.js';
import { createMailer } from '../../shared/mail/index.js';
import { createInvitations } from './invitations.js';
import { createMutation } from './resolvers/Mutation.js';
import { createRulesReplay } from './resolvers/RulesReplay.js';
import { Query } from './resolvers/Query.js';

/** The matters subgraph: clients, matters, their events, stages and updates; staff invite clients, override stages and dry-run the rules. */
export function startMattersSubgraph(options: SubgraphOptions): Promise<RunningServer> {
  const invitations = createInvitations({ ...options, mailer: createMailer(options.config, options.logger) });
  return startSubgraphServer({
    name: 'matters',
    schemaFile: new URL('./schema.graphql', import.meta.url),
    resolvers: {
      ...resolvers,
      Query: { ...Query, rulesReplay: createRulesReplay(options.dataSource) },
      Mutation: createMutation(invitations, options.dataSource),
    },
    authorization,
    createLoaders: (principal) => createMattersLoaders(options.dataSource, principal),
  }, options);
}
