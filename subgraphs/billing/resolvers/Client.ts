import type { BillingContext } from '../loaders.js';
import { balanceAsMoney } from '../money.js';

interface ClientReference {
  id: string;
}

export const Client = {
  /** Null when the caller may not see the client. */
  __resolveReference: async ({ id }: ClientReference, { loaders }: BillingContext) =>
    (await loaders.access.visibleClientId.load(id)) ? { id } : null,
  balance: async ({ id }: ClientReference, _: unknown, { loaders }: BillingContext) =>
    balanceAsMoney(await loaders.clientBalance.load(id), `client ${id}`),
};
