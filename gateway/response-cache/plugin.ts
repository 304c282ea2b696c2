import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import type { Config } from '../../shared/config.js';
import type { Principal } from '../../shared/auth/principal.js';
import type { GatewayContext } from '../graphql.js';
import type { ResponseStore } from './store.js';
import { answerTags, changedTags } from './tags.js';

/**
 * The key of one caller's operation: everything the answer depends on. The account (never shared
 * across principals, even two logins of one client), its role and client, and the operation with
 * its variables. A disabled account never reaches here (createContext refuses it first).
 */
function keyOf(principal: Principal, query: string, operationName: string | undefined | null, variables: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([principal.accountId, principal.role, principal.clientId, principal.staffId, operationName ?? null, query, variables ?? null]))
    .digest('base64url');
}

const answer = (data: unknown): GraphQLResponse => ({
  http: { status: undefined, headers: new HeaderMap() },
  body: { kind: 'single', singleResult: { data: data as Record<string, unknown> } },
});

/**
 * Queries only (never mutations, never live subscription events): a client's error-free answers
 * are kept in `store` until a change of their client's data drops them; identical concurrent
 * queries of one caller (any role) share one execution. The audit log and the rate limits still
 * see every request: this runs inside Apollo's pipeline, after the context was made. Every
 * mutation announces what it may have changed (`announce`, tags.ts), to this replica and the others.
 */
export function responseCachePlugin(options: {
  store: ResponseStore;
  settings: Config['responseCache'];
  announce(tags: readonly string[]): Promise<void>;
}): ApolloServerPlugin<GatewayContext> {
  const { store, settings } = options;
  return {
    async requestDidStart() {
      let land: ((data: unknown) => void) | undefined;
      let pending: { key: string; tags: string[]; mark: number; cache: boolean } | undefined;
      return {
        async responseForOperation({ operation, contextValue, request, source }) {
          if (operation.operation !== 'query' || contextValue.live === true) return null;
          const { principal } = contextValue;
          const cache = settings.enabled && principal.role === 'CLIENT' && principal.clientId !== null;
          if (!cache && !settings.deduplicate) return null;
          const key = keyOf(principal, source, request.operationName, request.variables);
          if (cache) {
            const hit = store.get(key);
            if (hit !== undefined) return answer(hit);
          }
          if (settings.deduplicate) {
            const joined = store.flight(key);
            const data = joined === undefined ? undefined : await joined;
            if (data !== undefined) return answer(data);
          }
          const tags = answerTags(principal, operation);
          pending = { key, tags, mark: store.mark(), cache };
          if (settings.deduplicate) land = store.startFlight(key, tags);
          return null;
        },
        async didEncounterErrors() {
          land?.(undefined);
        },
        async willSendResponse({ operation, contextValue, response }) {
          if (operation?.operation === 'mutation' && 'principal' in contextValue) await options.announce(changedTags(contextValue.principal, operation));
          if (!pending) return;
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const data = result && !result.errors && result.data ? result.data : undefined;
          land?.(data);
          if (pending.cache && data !== undefined) store.set(pending.key, data, pending.tags, pending.mark);
        },
      };
    },
  };
}
