import { Entity, Index, PrimaryColumn } from 'typeorm';

/** Which matters a bill covers (a Clio bill may cover several). */
@Entity({ schema: 'billing', name: 'invoice_matters' })
export class InvoiceMatterRow {
  @PrimaryColumn({ name: 'invoice_id', type: 'text' }) invoiceId!: string;
  @Index() @PrimaryColumn({ name: 'matter_id', type: 'text' }) matterId!: string;
}
