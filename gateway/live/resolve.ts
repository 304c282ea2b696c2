import { print, type DocumentNode, type ExecutionResult } from 'graphql';
import type { ApolloServer } from '@apollo/server';
import type { Principal } from '../../shared/auth/principal.js';
import type { GatewayContext } from '../graphql.js';
import type { ResolveAsSubscriber } from './subscriptions.js';
import { ConcurrencyLimit } from './connections.js';

/** How long a resolved event payload is shared with other subscriptions asking the same. */
const SHARE_MS = 2_000;

/**
 * Runs payload queries through the gateway as one subscriber. Subscriptions of the same account
 * asking the same query about the same event share one execution (a client with the portal open
 * in several tabs costs one query per event, not one per tab). At most `concurrency` payload
 * queries run at once in this process: an event fanned out to thousands of subscribers queues
 * their queries instead of firing them all at the subgraphs together.
 */
const printed = new WeakMap<DocumentNode, string>();
function textOf(query: DocumentNode): string {
  let text = printed.get(query);
  if (text === undefined) printed.set(query, (text = print(query)));
  return text;
}

export function createSubscriberResolver(server: ApolloServer<GatewayContext>, concurrency: number) {
  const shared = new Map<string, Promise<ExecutionResult>>();
  const limit = new ConcurrencyLimit(concurrency);

  const execute = (principal: Principal, query: DocumentNode, variables: Record<string, unknown>): Promise<ExecutionResult> => limit.run(async () => {
    const contextValue: GatewayContext = { principal, live: true };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('a live payload query answered incrementally');
    return response.body.singleResult as ExecutionResult;
  });

  return (principal: Principal): ResolveAsSubscriber => async (query, variables, eventId) => {
    if (eventId === undefined) return execute(principal, query, variables);
    const key = `${principal.accountId}\u0000${eventId}\u0000${textOf(query)}\u0000${JSON.stringify(variables)}`;
    let result = shared.get(key);
    if (!result) {
      result = execute(principal, query, variables);
      shared.set(key, result);
      setTimeout(() => shared.delete(key), SHARE_MS).unref();
    }
    return result;
  };
}
