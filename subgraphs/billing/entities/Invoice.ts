import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { InvoiceStatus } from '../generated/resolvers.js';

export type { InvoiceStatus };

/** A bill. Money is numeric(14,2): TypeORM hands it over as an exact decimal string. */
@Entity({ schema: 'billing', name: 'invoices' })
export class InvoiceRow {
  /** The billing system's bill id. */
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Index() @Column({ type: 'text' }) number!: string;
  @Column({ name: 'issued_on', type: 'date', nullable: true }) issuedOn!: string | null;
  @Column({ name: 'due_on', type: 'date', nullable: true }) dueOn!: string | null;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) total!: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) balance!: string;
  @Column({ type: 'numeric', precision: 14, scale: 2, default: 0 }) paid!: string;
  @Column({ type: 'text', default: 'USD' }) currency!: string;
  /** draft, awaiting_approval, awaiting_payment, paid, void — as the billing system says. */
  @Column({ name: 'legacy_state', type: 'text' }) legacyState!: string;
  @Index() @Column({ name: 'client_id', type: 'text', nullable: true }) clientId!: string | null;
  @Column({ name: 'legacy_updated_at', type: 'timestamptz' }) legacyUpdatedAt!: Date;
  @Column({ name: 'synced_at', type: 'timestamptz', default: () => 'now()' }) syncedAt!: Date;
}
