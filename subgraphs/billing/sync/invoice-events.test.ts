import type { BillingBill } from '../legacy/billing-client.js';
import { invoiceEvents } from './invoice-events.js';

const t0 = new Date('2025-03-01T10:00:00Z');
const t1 = new Date('2025-03-05T10:00:00Z');
const bill = (over: Partial<BillingBill> = {}): BillingBill => ({
  id: '9', number: '1002', issued_at: '2025-03-01', due_at: '2025-03-31', total: '100.00', balance: '100.00', paid: '0.00', state: 'awaiting_payment',
  currency: 'USD', matters: ['m1'], client: { id: 'c1' }, updated_at: t0, ...over,
});

describe('invoice events', () => {
  it('issues a new bill that is not a draft, and one leaving draft', () => {
    expect(invoiceEvents(undefined, bill()).map((e) => [e.type, e.matterId, e.clientId])).toEqual([['invoice.issued', 'm1', 'c1']]);
    expect(invoiceEvents(undefined, bill({ state: 'draft' }))).toEqual([]);
    const draft = { id: '9', legacyState: 'draft', balance: '100.00', legacyUpdatedAt: t0 };
    expect(invoiceEvents(draft, bill({ updated_at: t1 })).map((e) => e.type)).toEqual(['invoice.issued']);
  });

  it('records invoice.paid when the balance reaches 0, once', () => {
    const issued = { id: '9', legacyState: 'awaiting_payment', balance: '100.00', legacyUpdatedAt: t0 };
    const paid = bill({ balance: '0.00', paid: '100.00', updated_at: t1 });
    expect(invoiceEvents(issued, paid)).toEqual([expect.objectContaining({ type: 'invoice.paid', occurredAt: t1 })]);
    expect(invoiceEvents({ ...issued, balance: '0.00', legacyUpdatedAt: t1 }, paid)).toEqual([]);
    expect(invoiceEvents(issued, bill({ balance: '40.00', paid: '60.00', updated_at: t1 }))).toEqual([]);
  });
});
