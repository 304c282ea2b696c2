import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A legacy record casebridge would not trust: its payload no longer fits the expected shape (API
 * drift) or it carries a value nobody has mapped. It stays out of the read model and out of every
 * client message until it is resolved (a mapping added, the record fixed upstream), when it is
 * re-processed through its context's ordinary write path.
 */
@Entity({ schema: 'sync', name: 'quarantine' })
@Index(['system', 'resource', 'legacyId'], { unique: true, where: 'resolved_at IS NULL' })
@Index(['resolvedAt'])
export class QuarantineItemRow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** cms, dms or billing. */
  @Column({ type: 'text' }) system!: string;
  @Column({ type: 'text' }) resource!: string;
  /** The legacy id, when the payload had one. */
  @Column({ name: 'legacy_id', type: 'text', nullable: true }) legacyId!: string | null;
  /** INVALID_SHAPE (failed its schema) or UNMAPPED_VALUE (a value the mapping table does not know). */
  @Column({ type: 'text' }) reason!: string;
  /** What exactly is wrong, for staff. */
  @Column({ type: 'text' }) detail!: string;
  /** For UNMAPPED_VALUE: the mapping kind (case_status, document_type) and the raw value. */
  @Column({ name: 'mapping_kind', type: 'text', nullable: true }) mappingKind!: string | null;
  @Column({ name: 'raw_value', type: 'text', nullable: true }) rawValue!: string | null;
  /** The legacy payload as received, re-processed once the cause is fixed. */
  @Column({ type: 'jsonb' }) payload!: unknown;
  /** The legacy API version that sent it. */
  @Column({ name: 'api_version', type: 'text', nullable: true }) apiVersion!: string | null;
  @Column({ name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' }) firstSeenAt!: Date;
  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' }) lastSeenAt!: Date;
  @Column({ name: 'times_seen', type: 'integer', default: 1 }) timesSeen!: number;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  /** How it was resolved: REPROCESSED, SUPERSEDED (a newer valid version arrived), DELETED upstream. */
  @Column({ type: 'text', nullable: true }) resolution!: string | null;
}
