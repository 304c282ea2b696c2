import { defineLegacySystem, type Module } from '../ingest/index.js';
import { InvoiceMatterRow, InvoiceRow } from './entities/index.js';
import { startBillingSubgraph } from './server.js';
import { BillingClient } from './legacy/billing-client.js';
import { billingSyncs } from './sync/billing-sync.js';

/** The billing context: invoices, payments and balances, fed by the billing system. */
export const billingModule: Module = {
  name: 'billing',
  entities: [InvoiceRow, InvoiceMatterRow],
  startSubgraph: startBillingSubgraph,
  legacy: defineLegacySystem({
    system: 'billing',
    resources: ['bills'],
    createClient: (options, pageSize) => new BillingClient(options, pageSize),
    syncs: billingSyncs,
  }),
};
