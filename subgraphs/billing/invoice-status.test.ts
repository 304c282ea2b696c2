import { OUTSTANDING_LEGACY_STATES, invoiceStatus, isShownToClients } from './invoice-status.js';

const TODAY = '2026-05-10';
const bill = (legacyState: string, balance = '100.00', dueOn: string | null = '2026-06-01') => ({ legacyState, balance, dueOn });

describe('invoiceStatus', () => {
  it.each([
    ['draft', '100.00', null, 'DRAFT'],
    ['awaiting_approval', '100.00', null, 'DRAFT'],
    ['some_future_state', '100.00', null, 'DRAFT'],
    ['void', '100.00', '2026-01-01', 'VOID'],
    ['paid', '0.00', '2026-01-01', 'PAID'],
    ['awaiting_payment', '0.00', '2026-01-01', 'PAID'],
    ['awaiting_payment', '0.01', '2026-05-09', 'OVERDUE'],
    ['awaiting_payment', '0.01', TODAY, 'AWAITING_PAYMENT'],
    ['awaiting_payment', '0.01', null, 'AWAITING_PAYMENT'],
  ] as const)('%s with balance %s due %s is %s', (state, balance, dueOn, expected) => {
    expect(invoiceStatus(bill(state, balance, dueOn), TODAY)).toBe(expected);
  });

  it('agrees with the SQL list of outstanding states used for balances', () => {
    for (const state of ['draft', 'awaiting_approval', 'awaiting_payment', 'paid', 'void', 'unknown']) {
      expect(OUTSTANDING_LEGACY_STATES.includes(state)).toBe(isShownToClients(invoiceStatus(bill(state), TODAY)));
    }
  });
});
