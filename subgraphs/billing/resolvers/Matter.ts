import type { MatterResolvers } from '../generated/resolvers.js';
import { balanceAsMoney } from '../money.js';

export const Matter: MatterResolvers = {
  /** Null when the caller may not see the matter, exactly as when it does not exist. */
  __resolveReference: async ({ id }, { loaders }) => ((await loaders.access.visibleMatterById.load(id)) ? { id } : null),
  invoices: ({ id }, _, { loaders }) => loaders.billsOfMatter(id),
  balance: async ({ id }, _, { loaders }) => balanceAsMoney(await loaders.matterBalance.load(id), `matter ${id}`),
};
