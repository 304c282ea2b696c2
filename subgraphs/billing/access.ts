import type { DataSource } from 'typeorm';
import type { Principal } from '../../shared/auth/principal.js';
import { createVisibility, type Visibility } from '../matters/published-queries.js';
import type { InvoiceRow } from './entities/index.js';
import { invoiceStatus, isShownToClients } from './invoice-status.js';

/**
 * The billing context's access rules, in one place. Matters and clients are visible as the
 * matters context decides (the same loaders answer the SDL's @matterAccess / @clientAccess); a
 * bill is visible when one of the matters it covers is, it has been issued, and — for clients —
 * it is neither a draft nor void.
 */
export function createBillingAccess(dataSource: DataSource, principal: Principal) {
  const visibility: Visibility = createVisibility(dataSource, principal);
  return {
    visibility,
    visibleMatterById: visibility.matterById,
    visibleClientId: visibility.clientId,
    /** Whether the caller may see this bill, given it is reached through a visible matter. */
    mayShow(bill: InvoiceRow): boolean {
      return bill.issuedOn !== null && (principal.role !== 'CLIENT' || isShownToClients(invoiceStatus(bill)));
    },
  };
}
