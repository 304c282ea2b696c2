import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { MatterStage } from '../generated/resolvers.js';

/** One move of a matter's official stage, with its provenance; rows are never edited. */
@Entity({ schema: 'matters', name: 'stage_transitions' })
@Index(['matterId', 'at'])
export class StageTransitionRow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'matter_id', type: 'text' }) matterId!: string;
  /** Null for the first stage a matter gets. */
  @Column({ name: 'from_stage', type: 'text', nullable: true }) fromStage!: MatterStage | null;
  @Column({ name: 'to_stage', type: 'text' }) toStage!: MatterStage;
  /** When the deciding fact happened (the event's time), not when it was evaluated. */
  @Column({ type: 'timestamptz' }) at!: Date;
  /** The rule's id, or "staff-override". */
  @Column({ type: 'text' }) rule!: string;
  @Column({ type: 'text' }) explanation!: string;
  /** The outbox events that made it. */
  @Column({ name: 'event_ids', type: 'bigint', array: true, default: () => "'{}'" }) eventIds!: string[];
  /** The facts the rule looked at. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) facts!: Record<string, unknown>;
  /** For a staff override: who, and why. */
  @Column({ name: 'overridden_by', type: 'text', nullable: true }) overriddenBy!: string | null;
  @Column({ name: 'override_reason', type: 'text', nullable: true }) overrideReason!: string | null;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt!: Date;
}
