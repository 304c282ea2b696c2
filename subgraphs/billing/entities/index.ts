export { InvoiceRow, INVOICE_STATUSES, type InvoiceStatus } from './Invoice.js';
export { InvoiceMatterRow } from './InvoiceMatter.js';
