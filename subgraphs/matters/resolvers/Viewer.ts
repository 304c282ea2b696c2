import type { ViewerResolvers } from '../generated/resolvers.js';

export const Viewer: ViewerResolvers = {
  id: (principal) => principal.accountId,
  client: (principal, _, { loaders }) =>
    principal.role === 'CLIENT' && principal.clientId ? loaders.clientById.load(principal.clientId) : null,
};
