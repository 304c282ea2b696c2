import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode } from 'graphql';
import type { Config } from '../shared/config.js';
import type { Principal } from '../shared/auth/principal.js';
import { CasebridgeError, ErrorCode } from '../shared/errors.js';

/**
 * INTROSPECTION: `on` — anyone signed in; `off` — nobody (Apollo's validation refuses it);
 * `auto` (default) — anyone outside production, staff and admins only in production.
 */
export function introspectionAllowed(config: Pick<Config, 'introspection' | 'env'>, principal: Principal): boolean {
  if (config.introspection === 'off') return false;
  if (config.introspection === 'on' || config.env !== 'production') return true;
  return principal.role === 'STAFF' || principal.role === 'ADMIN';
}

export function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/** Refuses `__schema` / `__type` with FORBIDDEN (403) to whoever may not introspect, before planning. */
export function introspectionPolicy<C extends { principal: Principal }>(config: Pick<Config, 'introspection' | 'env'>): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (usesIntrospection(document) && !introspectionAllowed(config, contextValue.principal)) {
            throw new CasebridgeError(ErrorCode.FORBIDDEN, 'Introspection is available to staff and administrators only.');
          }
        },
      };
    },
  };
}
