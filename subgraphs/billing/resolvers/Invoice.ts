import type { InvoiceRow } from '../entities/index.js';
import type { BillingContext } from '../loaders.js';
import { invoiceStatus } from '../invoice-status.js';

export const Invoice = {
  __resolveReference: ({ id }: { id: string }, { loaders }: BillingContext) => loaders.visibleBill(id),
  issuedAt: (bill: InvoiceRow) => {
    // Only issued bills are loaded (see loaders.ts); a null here would be a bug, not data.
    if (bill.issuedOn === null) throw new Error(`bill ${bill.id} has no issue date but was served`);
    return bill.issuedOn;
  },
  dueAt: (bill: InvoiceRow) => bill.dueOn,
  total: (bill: InvoiceRow) => ({ amount: bill.total, currency: bill.currency }),
  balance: (bill: InvoiceRow) => ({ amount: bill.balance, currency: bill.currency }),
  status: (bill: InvoiceRow) => invoiceStatus(bill),
  syncedAt: (bill: InvoiceRow) => bill.syncedAt.toISOString(),
};
