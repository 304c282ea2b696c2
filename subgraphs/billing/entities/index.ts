export { InvoiceRow, type InvoiceStatus } from './Invoice.js';
export { InvoiceMatterRow } from './InvoiceMatter.js';
