import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type SubmissionSource = 'form' | 'typeform' | 'gravity-forms';

/**
 * A submission exactly as it was accepted, stored before the 202: its id is the receiptId. The
 * same submission again (its Idempotency-Key, or the same email and description within 24 hours)
 * finds this row instead of making another.
 */
@Entity({ schema: 'intake', name: 'submissions' })
@Index('submissions_dedupe', ['dedupeHash', 'receivedAt'])
export class SubmissionRow {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ type: 'text' }) source!: SubmissionSource;
  @Index('submissions_idempotency_key', { unique: true }) @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey!: string | null;
  /** sha256 of the lowercased email and the description. */
  @Column({ name: 'dedupe_hash', type: 'text' }) dedupeHash!: string;
  /** The validated submission (IntakeSubmission), as JSON. */
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ type: 'text', nullable: true }) address!: string | null;
}
