import type { ClientResolvers } from '../generated/resolvers.js';
import { balanceAsMoney } from '../money.js';

export const Client: ClientResolvers = {
  /** Null when the caller may not see the client. */
  __resolveReference: async ({ id }, { loaders }) => ((await loaders.access.visibleClientId.load(id)) ? { id } : null),
  balance: async ({ id }, _, { loaders }) => balanceAsMoney(await loaders.clientBalance.load(id), `client ${id}`),
};
