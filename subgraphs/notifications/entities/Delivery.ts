import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type DeliveryKind = 'DIGEST' | 'IMMEDIATE' | 'URGENT';
/** CLAIMED: rendered and owning its notifications, not yet accepted by SMTP; SENT: accepted. */
export type DeliveryStatus = 'CLAIMED' | 'SENT';

/**
 * One email: a digest or an immediate message, rendered when its notifications were claimed so a
 * resend after a crash is the same message (same Message-ID, same content).
 */
@Entity({ schema: 'notifications', name: 'deliveries' })
@Index('deliveries_retry', ['status', 'lockedUntil'])
export class DeliveryRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'client_id', type: 'text' }) clientId!: string;
  @Column({ type: 'text' }) kind!: DeliveryKind;
  @Column({ type: 'text', default: 'CLAIMED' }) status!: DeliveryStatus;
  /** Derived from the id: every attempt carries the same one, so receivers can drop a duplicate. */
  @Column({ name: 'message_id', type: 'text' }) messageId!: string;
  @Column({ name: 'to_address', type: 'text' }) toAddress!: string;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'text' }) html!: string;
  @Column({ name: 'item_count', type: 'integer' }) itemCount!: number;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  /** A sender owns the delivery until then; after it, any worker may (re)send it. */
  @Column({ name: 'locked_until', type: 'timestamptz' }) lockedUntil!: Date;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
}
