import type { AuthorizationPolicy } from '../../shared/graphql/authorization/index.js';
import type { IntakeContext } from './loaders.js';

/** Staff and admins, by role: no rule of this SDL is about a client's matter. */
export const authorization: AuthorizationPolicy<IntakeContext> = {
  oracle: () => ({ mayReadMatter: () => false, mayReadClient: () => false }),
  subjects: {},
};
