import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MatterEventKind } from '../generated/resolvers.js';

export { MatterEventKind };
/** Every kind, in the SDL's order. */
export const MATTER_EVENT_KINDS: readonly MatterEventKind[] = Object.values(MatterEventKind);

/** A dated event of a matter: a CMS calendar entry, or a CMS task with a due date (a deadline). */
@Entity({ schema: 'matters', name: 'matter_events' })
@Index(['matterId', 'startsAt'])
export class MatterEventRow {
  /** `calendar:<CMS calendar entry id>` or `task:<CMS task id>`. */
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'matter_id', type: 'text' }) matterId!: string;
  @Column({ type: 'text' }) kind!: MatterEventKind;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true }) endsAt!: Date | null;
  @Column({ type: 'text', nullable: true }) location!: string | null;
  /** The CMS event type name (or "Task"), for staff. */
  @Column({ name: 'legacy_type', type: 'text', nullable: true }) legacyType!: string | null;
  @Column({ name: 'legacy_updated_at', type: 'timestamptz' }) legacyUpdatedAt!: Date;
  @Column({ name: 'synced_at', type: 'timestamptz', default: () => 'now()' }) syncedAt!: Date;
}
