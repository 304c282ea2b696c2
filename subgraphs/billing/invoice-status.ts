import type { InvoiceRow, InvoiceStatus } from './entities/index.js';

/**
 * Legacy states of bills that are really out with the client. The SQL twin of "status is
 * neither DRAFT nor VOID" for balances summed in the database; a test keeps the two in step.
 */
export const OUTSTANDING_LEGACY_STATES: readonly string[] = ['awaiting_payment', 'paid'];

export const todayIso = (now = new Date()) => now.toISOString().slice(0, 10);

/**
 * The one place a bill's status is derived: the billing system's state, the balance and the due
 * date. A state we do not know (a newer billing version) counts as DRAFT, so clients never see it.
 */
export function invoiceStatus(bill: Pick<InvoiceRow, 'legacyState' | 'balance' | 'dueOn'>, today = todayIso()): InvoiceStatus {
  switch (bill.legacyState) {
    case 'void':
      return 'VOID';
    case 'paid':
      return 'PAID';
    case 'awaiting_payment':
      if (Number(bill.balance) <= 0) return 'PAID';
      return bill.dueOn !== null && bill.dueOn < today ? 'OVERDUE' : 'AWAITING_PAYMENT';
    default:
      return 'DRAFT';
  }
}

/** Clients see issued bills that are neither drafts nor void. */
export const isShownToClients = (status: InvoiceStatus) => status !== 'DRAFT' && status !== 'VOID';
