import type { InvoiceResolvers } from '../generated/resolvers.js';
import { invoiceStatus } from '../invoice-status.js';

export const Invoice: InvoiceResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.visibleBill(id),
  issuedAt: (bill) => {
    // Only issued bills are loaded (see loaders.ts); a null here would be a bug, not data.
    if (bill.issuedOn === null) throw new Error(`bill ${bill.id} has no issue date but was served`);
    return bill.issuedOn;
  },
  dueAt: (bill) => bill.dueOn,
  total: (bill) => ({ amount: bill.total, currency: bill.currency }),
  balance: (bill) => ({ amount: bill.balance, currency: bill.currency }),
  status: (bill) => invoiceStatus(bill),
};
