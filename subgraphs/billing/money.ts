import type { DataSource } from 'typeorm';
import { OUTSTANDING_LEGACY_STATES } from './invoice-status.js';

export interface Money {
  amount: string;
  currency: string;
}

/** The currency of a balance with no bills behind it. */
export const DEFAULT_CURRENCY = 'USD';
export const zero = (): Money => ({ amount: '0.00', currency: DEFAULT_CURRENCY });

export interface Balance {
  key: string;
  amount: string;
  currency: string;
  /** How many currencies the sum spans: more than one makes it meaningless. */
  currencies: number;
}

/** The balance as Money: zero when nothing is owed, an error when it spans currencies. */
export function balanceAsMoney(balance: Balance | null, what: string): Money {
  if (!balance) return zero();
  // A sum across currencies means nothing: refuse it rather than show a wrong amount.
  if (balance.currencies > 1) throw new Error(`${what} has bills in several currencies; its balance cannot be one amount`);
  return { amount: balance.amount, currency: balance.currency };
}

/**
 * Outstanding balances summed in SQL on numeric, one statement for all keys, grouped by the
 * matter (through the bills covering it) or by the client.
 */
export async function sumBalances(dataSource: DataSource, by: 'matter' | 'client', keys: readonly string[]): Promise<Balance[]> {
  const sql = by === 'matter'
    ? `SELECT im.matter_id AS key, sum(i.balance)::numeric(20,2)::text AS amount, min(i.currency) AS currency, count(DISTINCT i.currency)::int AS currencies
         FROM billing.invoice_matters im JOIN billing.invoices i ON i.id = im.invoice_id
        WHERE im.matter_id = ANY($1) AND i.issued_on IS NOT NULL AND i.legacy_state = ANY($2)
        GROUP BY im.matter_id`
    : `SELECT i.client_id AS key, sum(i.balance)::numeric(20,2)::text AS amount, min(i.currency) AS currency, count(DISTINCT i.currency)::int AS currencies
         FROM billing.invoices i
        WHERE i.client_id = ANY($1) AND i.issued_on IS NOT NULL AND i.legacy_state = ANY($2)
        GROUP BY i.client_id`;
  return dataSource.query(sql, [keys, OUTSTANDING_LEGACY_STATES]);
}
