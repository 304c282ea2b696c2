import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type OutboundKind = 'REPLY' | 'ESCALATION';

/**
 * One email of the intake: the reply to a prospect or the escalation to a team lead, at most one
 * of each kind per lead. Rendered when it is written, so a resend after a crash is the same message
 * with the same Message-ID (derived from the id), sent like notifications' deliveries.
 */
@Entity({ schema: 'intake', name: 'outbound' })
@Index('outbound_once', ['leadId', 'kind'], { unique: true })
@Index('outbound_retry', ['status', 'lockedUntil'])
export class OutboundRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'lead_id', type: 'uuid' }) leadId!: string;
  @Column({ type: 'text' }) kind!: OutboundKind;
  /** CLAIMED: written, not yet accepted by SMTP; SENT: accepted. */
  @Column({ type: 'text', default: 'CLAIMED' }) status!: 'CLAIMED' | 'SENT';
  @Column({ name: 'message_id', type: 'text' }) messageId!: string;
  @Column({ name: 'to_address', type: 'text' }) toAddress!: string;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'locked_until', type: 'timestamptz', default: () => 'now()' }) lockedUntil!: Date;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
}
