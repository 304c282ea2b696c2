import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../shared/auth/principal.js';
import { loaderOfOne } from '../../shared/graphql/loaders.js';
import { findVisibleClientIds, findVisibleMatters, type MatterKey } from '../matters/published-queries.js';
import type { InvoiceRow } from './entities/index.js';
import { invoiceStatus, isShownToClients } from './invoice-status.js';

/**
 * The billing context's access rules, in one place. Matters and clients are visible as the
 * matters context decides; a bill is visible when one of the matters it covers is, it has been
 * issued, and — for clients — it is neither a draft nor void.
 */
export function createBillingAccess(dataSource: DataSource, principal: Principal) {
  const visibleMatterById: DataLoader<string, MatterKey | null> =
    loaderOfOne((ids) => findVisibleMatters(dataSource, principal, 'id', ids), (m) => m.id);
  const visibleClientId: DataLoader<string, string | null> =
    loaderOfOne((ids) => findVisibleClientIds(dataSource, principal, ids), (id) => id);
  return {
    visibleMatterById,
    visibleClientId,
    /** Whether the caller may see this bill, given it is reached through a visible matter. */
    mayShow(bill: InvoiceRow): boolean {
      return bill.issuedOn !== null && (principal.role !== 'CLIENT' || isShownToClients(invoiceStatus(bill)));
    },
  };
}
