import type { AuthorizationPolicy } from '../../shared/graphql/authorization/index.js';
import type { InvoiceRow } from './entities/index.js';
import type { BillingContext } from './loaders.js';

/**
 * This context's SDL rules, checked against the matters context's visibility. A bill is about
 * every matter it covers: seeing any one of them is enough (its loaders add the draft and void rules).
 */
export const authorization: AuthorizationPolicy<BillingContext> = {
  oracle: ({ loaders }) => loaders.access.visibility,
  subjects: {
    Invoice: {
      matter: async (bill: InvoiceRow, { loaders }: BillingContext) => (await loaders.matterIdsOfBill(bill.id)).map((id) => ({ id })),
    },
    Matter: { matter: (matter: { id: string }) => ({ id: matter.id }) },
    Client: { client: (client: { id: string }) => client.id },
  },
};
