import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LeadStatus } from '../generated/resolvers.js';
import type { Routing } from '../routing/engine.js';

export type { LeadStatus };

/**
 * A submission on its way into the CMS and after. Each CMS id is stored as soon as the CMS has
 * made the record, so a push retried after a crash or a CMS outage continues where it stopped.
 */
@Entity({ schema: 'intake', name: 'leads' })
@Index('leads_pending', ['status', 'nextAttemptAt'])
export class LeadRow {
  /** The submission's id (the receiptId). */
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'first_name', type: 'text' }) firstName!: string;
  @Column({ name: 'last_name', type: 'text' }) lastName!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  /** The CMS's practice area name. */
  @Column({ name: 'practice_area', type: 'text' }) practiceArea!: string;
  @Column({ type: 'text' }) description!: string;
  /** Two-letter USPS code. */
  @Column({ type: 'text', nullable: true }) state!: string | null;
  @Column({ type: 'text', nullable: true }) city!: string | null;
  @Column({ type: 'text', nullable: true }) zip!: string | null;
  @Column({ name: 'opposing_party', type: 'text', nullable: true }) opposingParty!: string | null;
  @Column({ type: 'text' }) language!: 'en' | 'es';
  @Column({ type: 'text', default: 'RECEIVED' }) status!: LeadStatus;
  @Column({ type: 'jsonb', nullable: true }) routing!: Routing | null;
  @Column({ type: 'boolean', default: false }) conflict!: boolean;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ name: 'cms_contact_id', type: 'text', nullable: true }) cmsContactId!: string | null;
  @Column({ name: 'cms_matter_id', type: 'text', nullable: true }) cmsMatterId!: string | null;
  @Column({ name: 'cms_task_id', type: 'text', nullable: true }) cmsTaskId!: string | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  /** A RECEIVED lead is pushed once this has passed and no worker holds it (lockedUntil). */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' }) nextAttemptAt!: Date;
  @Column({ name: 'locked_until', type: 'timestamptz', default: () => 'now()' }) lockedUntil!: Date;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'routed_at', type: 'timestamptz', nullable: true }) routedAt!: Date | null;
  @Column({ name: 'contacted_at', type: 'timestamptz', nullable: true }) contactedAt!: Date | null;
}
