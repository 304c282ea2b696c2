import type { BillingContext } from '../loaders.js';
import { balanceAsMoney } from '../money.js';

interface MatterReference {
  id: string;
}

export const Matter = {
  /** Null when the caller may not see the matter, exactly as when it does not exist. */
  __resolveReference: async ({ id }: MatterReference, { loaders }: BillingContext) =>
    (await loaders.access.visibleMatterById.load(id)) ? { id } : null,
  invoices: ({ id }: MatterReference, _: unknown, { loaders }: BillingContext) => loaders.billsOfMatter(id),
  balance: async ({ id }: MatterReference, _: unknown, { loaders }: BillingContext) =>
    balanceAsMoney(await loaders.matterBalance.load(id), `matter ${id}`),
};
