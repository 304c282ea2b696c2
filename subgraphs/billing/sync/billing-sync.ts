import type { EntityManager } from 'typeorm';
import { recordEvents } from '../../../shared/events/index.js';
import { defineSync, deleteMissing, upsertRows, type ResourceSync, type UpsertSpec } from '../../ingest/index.js';
import type { BillingBill, BillingClient } from '../legacy/billing-client.js';
import { invoiceEvents, type StoredInvoice } from './invoice-events.js';

const col = (name: string, cast?: string) => ({ name, cast });

/** The clients a bill's answers reach: its own, and those of the matters it covers (by bill id, $1). */
const BILL_CLIENTS = `SELECT client_id FROM billing.invoices WHERE id = ANY($1::text[])
  UNION SELECT m.client_id FROM billing.invoice_matters im JOIN matters.matters m ON m.id = im.matter_id WHERE im.invoice_id = ANY($1::text[])`;

/** Only the billing system's state is stored; the invoice status is derived at read time (invoice-status.ts). */
const INVOICES: UpsertSpec = {
  table: 'billing.invoices',
  columns: [
    col('id'), col('number'), col('issued_on', 'date'), col('due_on', 'date'), col('total', 'numeric'), col('balance', 'numeric'), col('paid', 'numeric'),
    col('currency'), col('legacy_state'), col('client_id'), col('legacy_updated_at', 'timestamptz'),
  ],
  key: ['id'],
  clientsOf: BILL_CLIENTS,
  version: 'legacy_updated_at',
  syncedAt: true,
};

const INVOICE_MATTERS: UpsertSpec = {
  table: 'billing.invoice_matters', columns: [col('invoice_id'), col('matter_id')], key: ['invoice_id', 'matter_id'],
  // A bill newly linked to a matter feeds the answers of the bill's client and of the matter's.
  clientsOf: BILL_CLIENTS,
};

export function invoiceRow(b: BillingBill): unknown[] {
  return [b.id, b.number, b.issued_at, b.due_at, b.total, b.balance, b.paid, b.currency, b.state, b.client?.id ?? null, b.updated_at];
}

async function storedInvoices(manager: EntityManager, ids: readonly string[]): Promise<Map<string, StoredInvoice>> {
  const rows: Array<{ id: string; legacy_state: string; balance: string; legacy_updated_at: Date }> = await manager.query(
    `SELECT id, legacy_state, balance::text AS balance, legacy_updated_at FROM billing.invoices WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, legacyState: r.legacy_state, balance: r.balance, legacyUpdatedAt: r.legacy_updated_at }]));
}

/**
 * Bills and the matters each covers, with invoice.issued/paid from the diff of the stored rows
 * (read FOR UPDATE first). Amounts arrive as exact decimal strings (legacy/amount.ts).
 */
async function writeBills(manager: EntityManager, page: readonly BillingBill[]): Promise<void> {
  const bills = [...new Map(page.map((b) => [b.id, b])).values()];
  const stored = await storedInvoices(manager, bills.map((b) => b.id));
  await upsertRows(manager, INVOICES, bills.map(invoiceRow));
  await recordEvents(manager, bills.flatMap((b) => invoiceEvents(stored.get(b.id), b)));
  // The matter set of a bill is replaced whole, but only where the stored bill is this version (not a newer one).
  const current: Array<{ id: string }> = await manager.query(
    `SELECT i.id FROM billing.invoices i JOIN unnest($1::text[], $2::timestamptz[]) AS b(id, updated_at)
        ON i.id = b.id AND i.legacy_updated_at = b.updated_at`,
    [bills.map((b) => b.id), bills.map((b) => b.updated_at)],
  );
  const ids = new Set(current.map((r) => r.id));
  const fresh = bills.filter((b) => ids.has(b.id));
  await manager.query(`DELETE FROM billing.invoice_matters WHERE invoice_id = ANY($1::text[])`, [fresh.map((b) => b.id)]);
  await upsertRows(manager, INVOICE_MATTERS, fresh.flatMap((b) => b.matters.map((matterId) => [b.id, matterId])));
}

async function removeMissingBills(manager: EntityManager, ids: readonly string[]): Promise<number> {
  await deleteMissing(manager, 'billing.invoice_matters', 'invoice_id', ids);
  return deleteMissing(manager, 'billing.invoices', 'id', ids);
}

export function billingSyncs(billing: BillingClient): ResourceSync[] {
  return [
    defineSync<BillingBill>({
      system: 'billing',
      resource: 'bills',
      fetch: (updatedSince) => billing.list('bills', { updatedSince }),
      updatedAt: (b) => b.updated_at,
      upsert: writeBills,
      listIds: () => billing.listIds('bills'),
      removeMissing: removeMissingBills,
      sweepEachRun: true,
    }),
  ];
}
