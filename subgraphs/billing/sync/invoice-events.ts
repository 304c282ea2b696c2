import type { NewDomainEvent } from '../../../shared/events/index.js';
import { invoiceStatus, OUTSTANDING_LEGACY_STATES } from '../invoice-status.js';
import type { BillingBill } from '../legacy/billing-client.js';

/** What the diff needs of a stored invoice (read FOR UPDATE before the page's upsert). */
export interface StoredInvoice {
  id: string;
  legacyState: string;
  balance: string;
  legacyUpdatedAt: Date;
}

const isIssued = (state: string) => OUTSTANDING_LEGACY_STATES.includes(state);
const isPaid = (state: string, balance: string) => invoiceStatus({ legacyState: state, balance, dueOn: null }) === 'PAID';
/** A billing date as an instant: noon UTC, the same calendar day in every US and European zone. */
const dayInstant = (day: string | null, fallback: Date) => (day === null ? fallback : new Date(`${day}T12:00:00Z`));

/**
 * invoice.issued when a bill is out with the client for the first time (new and not a draft, or
 * leaving draft), invoice.paid when it becomes paid (state paid, or its balance reaches 0). A bill
 * first seen already paid gets both. An older or the same version makes none.
 */
export function invoiceEvents(stored: StoredInvoice | undefined, incoming: BillingBill): NewDomainEvent[] {
  if (stored && incoming.updated_at.getTime() <= stored.legacyUpdatedAt.getTime()) return [];
  const subject = `invoice:${incoming.id}`;
  const version = incoming.updated_at.toISOString();
  const facts = {
    invoiceId: incoming.id,
    number: incoming.number,
    matterIds: incoming.matters,
    clientId: incoming.client?.id ?? null,
    total: incoming.total,
    balance: incoming.balance,
    paid: incoming.paid,
    currency: incoming.currency,
    issuedOn: incoming.issued_at,
    dueOn: incoming.due_at,
  };
  // A bill covering several matters names them all in its payload; the event's matter is set only when there is exactly one.
  const common = { subject, matterId: incoming.matters.length === 1 ? incoming.matters[0] : null, clientId: facts.clientId };
  const events: NewDomainEvent[] = [];
  if (isIssued(incoming.state) && !(stored && isIssued(stored.legacyState))) {
    events.push({ ...common, type: 'invoice.issued', payload: facts, occurredAt: dayInstant(incoming.issued_at, incoming.updated_at), dedupeKey: `invoice.issued:${subject}:${version}` });
  }
  if (isPaid(incoming.state, incoming.balance) && !(stored && isPaid(stored.legacyState, stored.balance))) {
    events.push({ ...common, type: 'invoice.paid', payload: { ...facts, paidAt: version }, occurredAt: incoming.updated_at, dedupeKey: `invoice.paid:${subject}:${version}` });
  }
  return events;
}
