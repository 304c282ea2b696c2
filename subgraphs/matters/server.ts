import { startSubgraphServer, type RunningServer, type SubgraphOptions } from '../../shared/graphql/subgraph-server.js';
import { createMattersLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { authorization } from './authorization.js';
import { createMailer } from '../../shared/mail/index.js';
import { createInvitations } from './invitations.js';
import { createMutation } from './resolvers/Mutation.js';
import { createRulesReplay } from './resolvers/RulesReplay.js';
import { Query } from './resolvers/Query.js';
import { chatResolvers } from './resolvers/chat.js';
import { Matter } from './resolvers/Matter.js';
import { CmsClient } from './legacy/cms-client.js';
import { clioTokenProvider } from '../ingest/index.js';

export interface MattersSubgraphOptions extends SubgraphOptions {
  /** The CMS the chatbot's handoff writes tasks to (its URL and token); without it, handoffs fail with LEGACY_UNAVAILABLE. */
  cms?: { url: string; token: string };
}

/** The matters subgraph: clients, matters, their events, stages and updates; staff invite clients, override stages and dry-run the rules. */
export function startMattersSubgraph(options: MattersSubgraphOptions): Promise<RunningServer> {
  const mailer = createMailer(options.config, options.logger);
  const invitations = createInvitations({ ...options, mailer });
  const { config, logger } = options;
  const cms = options.cms && new CmsClient({
    // With CLIO_CLIENT_ID the handoff writes with the firm's Clio connection, as the sync reads.
    baseUrl: options.cms.url, token: clioTokenProvider({ config, dataSource: options.dataSource, logger, mailer }) ?? options.cms.token, timeoutMs: config.legacy.timeoutMs, logger: logger.child({ legacy: 'cms' }),
    // A client waits for the answer, and a retried POST may create a second task: fail fast instead.
    retry: { maxAttempts: 1, maxThrottled: 2, maxWaitMs: 5000 }, apiVersion: config.legacy.clioApiVersion,
  });
  const chat = chatResolvers(options.dataSource, cms);
  return startSubgraphServer({
    name: 'matters',
    schemaFile: new URL('./schema.graphql', import.meta.url),
    resolvers: {
      ...resolvers,
      Query: { ...Query, rulesReplay: createRulesReplay(options.dataSource) },
      Matter: { ...Matter, ...chat.Matter },
      Mutation: { ...createMutation(invitations, options.dataSource), ...chat.Mutation },
    },
    authorization,
    createLoaders: (principal) => createMattersLoaders(options.dataSource, principal),
  }, options);
}
