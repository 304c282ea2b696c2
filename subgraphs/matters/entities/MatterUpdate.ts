import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A client-facing update on a matter, written by the rules with its provenance (the rule, the
 * events, the facts). The notifications context turns each into a notification.
 */
@Entity({ schema: 'matters', name: 'matter_updates' })
@Index(['matterId', 'at'])
@Index(['clientId', 'createdAt'])
@Index(['subject'])
export class MatterUpdateRow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'matter_id', type: 'text' }) matterId!: string;
  @Column({ name: 'client_id', type: 'text' }) clientId!: string;
  /** When what it tells happened. */
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) body!: string;
  /** The title and body in the other languages clients read, e.g. {"es": {"title", "body"}}. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) translations!: Record<string, { title: string; body: string }>;
  /** What it is about, for grouping in a digest: DOCUMENT, HEARING, DEADLINE, INVOICE, STAGE, MATTER. */
  @Column({ type: 'text' }) category!: string;
  /** Sent at once rather than in the client's digest. */
  @Column({ type: 'boolean', default: false }) urgent!: boolean;
  /** The rule that decided it. */
  @Column({ type: 'text' }) rule!: string;
  @Column({ name: 'event_ids', type: 'bigint', array: true, default: () => "'{}'" }) eventIds!: string[];
  @Column({ type: 'jsonb', default: () => "'{}'" }) facts!: Record<string, unknown>;
  /** The thing it is about (e.g. calendar:42): a later update on the same subject may withdraw it. */
  @Column({ type: 'text', nullable: true }) subject!: string | null;
  /** The earlier update this one makes obsolete (a cancellation supersedes the announcement). */
  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true }) supersedesId!: string | null;
  /**
   * Whether clients are told: false for history (an event recorded before its system's first
   * import finished), which moves the stage and stays readable but is never sent.
   */
  @Column({ type: 'boolean', default: true }) announce!: boolean;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
