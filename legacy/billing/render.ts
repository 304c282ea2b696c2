import type { FieldSpec } from '../http/clio/fields.js';
import type { ClioResource } from '../http/clio/list.js';
import type { JsonObject } from '../http/clio/json.js';
import { CONTACT_FIELDS, MATTER_BASE_FIELDS, renderContact, renderMatterBase } from '../cms/render.js';
import type { Bill } from '../firm/types.js';
import type { Store } from '../store/store.js';
import { centsToNumber } from './money.js';

const CURRENCY_FIELDS = ['id', 'etag', 'code', 'sign'] as const;
const USD = { id: 1, etag: '"usd-1"', code: 'USD', sign: '$' };

export const BILL_SPEC: FieldSpec = {
  scalars: ['id', 'etag', 'number', 'subject', 'type', 'issued_at', 'due_at', 'state', 'total', 'paid', 'balance', 'due', 'paid_at', 'created_at', 'updated_at'],
  nested: { client: CONTACT_FIELDS, matters: MATTER_BASE_FIELDS, currency: CURRENCY_FIELDS },
};

/** Clio 4.0.5 removed `matter_balances` from bills; asking for it from then on is a 400. */
export const MATTER_BALANCES_REMOVED_IN_PATCH = 5;
const LEGACY_BILL_SPEC: FieldSpec = { scalars: BILL_SPEC.scalars, nested: { ...BILL_SPEC.nested, matter_balances: ['id', 'amount', 'matter'] } };

export function billSpec(version: number): FieldSpec {
  return version < MATTER_BALANCES_REMOVED_IN_PATCH ? LEGACY_BILL_SPEC : BILL_SPEC;
}

/** The bill's balance per matter: split evenly in cents, any remainder on the first matter. */
function matterBalances(bill: Bill): JsonObject[] {
  const balance = balanceCents(bill);
  const count = bill.matters.length;
  const share = Math.floor(balance / Math.max(1, count));
  return bill.matters.map((ref, index) => ({
    id: bill.id * 100 + index + 1,
    amount: centsToNumber(index === 0 ? balance - share * (count - 1) : share),
    matter: { id: ref.id },
  }));
}

export function balanceCents(bill: Bill): number {
  return bill.state === 'void' ? 0 : bill.total_cents - bill.paid_cents;
}

export function billResource(store: Store): ClioResource<Bill> {
  const render = (bill: Bill, version: number): JsonObject => {
    const client = store.contacts.get(bill.client.id);
    const balance = centsToNumber(balanceCents(bill));
    return {
      id: bill.id,
      etag: bill.etag,
      number: bill.number,
      subject: bill.subject,
      type: 'MatterBill',
      issued_at: bill.issued_at,
      due_at: bill.due_at,
      state: bill.state,
      total: centsToNumber(bill.total_cents),
      paid: centsToNumber(bill.paid_cents),
      balance,
      due: balance,
      paid_at: bill.paid_at,
      created_at: bill.created_at,
      updated_at: bill.updated_at,
      client: client ? renderContact(client) : null,
      matters: bill.matters.flatMap((ref) => {
        const matter = store.matters.get(ref.id);
        return matter ? [renderMatterBase(matter)] : [{ id: ref.id }];
      }),
      currency: USD,
      ...(version < MATTER_BALANCES_REMOVED_IN_PATCH ? { matter_balances: matterBalances(bill) } : {}),
    };
  };
  return { name: 'bills', spec: billSpec, rows: () => store.bills.all(), orderOf: (b) => b.id, render, updatedAt: (b) => b.updated_at };
}
