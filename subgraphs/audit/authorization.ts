import type { AuthorizationPolicy } from '../../shared/graphql/authorization/index.js';
import type { AuditContext } from './loaders.js';

/** Admins only, by role: no rule of this SDL is about a matter or a client. */
export const authorization: AuthorizationPolicy<AuditContext> = {
  oracle: () => ({ mayReadMatter: () => false, mayReadClient: () => false }),
  subjects: {},
};
