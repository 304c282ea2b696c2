import type { AuthorizationPolicy } from '../../shared/graphql/authorization/index.js';
import type { IngestContext } from './loaders.js';

/** Staff and admins, by role: no rule of this SDL is about a matter or a client. */
export const authorization: AuthorizationPolicy<IngestContext> = {
  oracle: () => ({ mayReadMatter: () => false, mayReadClient: () => false }),
  subjects: {},
};
