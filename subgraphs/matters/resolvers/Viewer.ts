import type { Principal } from '../../../shared/auth/principal.js';
import type { MattersContext } from '../loaders.js';

export const Viewer = {
  id: (principal: Principal) => principal.accountId,
  client: (principal: Principal, _: unknown, { loaders }: MattersContext) =>
    principal.role === 'CLIENT' && principal.clientId ? loaders.clientById.load(principal.clientId) : null,
};
