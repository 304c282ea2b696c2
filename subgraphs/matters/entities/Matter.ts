import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MatterStage } from '../generated/resolvers.js';

@Entity({ schema: 'matters', name: 'matters' })
export class MatterRow {
  /** The CMS matter id. */
  @PrimaryColumn({ type: 'text' }) id!: string;
  /** The CMS display number; the DMS keys its workspaces by it. */
  @Index({ unique: true }) @Column({ type: 'text' }) number!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'practice_area', type: 'text', nullable: true }) practiceArea!: string | null;
  /** Open, Pending or Closed, as the CMS says. */
  @Column({ name: 'legacy_status', type: 'text' }) legacyStatus!: string;
  /** The label of the messy "Case Status" picklist option, for staff; never trusted for clients. */
  @Column({ name: 'legacy_case_status', type: 'text', nullable: true }) legacyCaseStatus!: string | null;
  @Index() @Column({ name: 'client_id', type: 'text' }) clientId!: string;
  @Index() @Column({ name: 'responsible_staff_id', type: 'text', nullable: true }) responsibleStaffId!: string | null;
  /** ISO dates (YYYY-MM-DD), as the CMS keeps them. */
  @Column({ name: 'opened_on', type: 'date', nullable: true }) openedOn!: string | null;
  @Column({ name: 'closed_on', type: 'date', nullable: true }) closedOn!: string | null;
  @Column({ name: 'legacy_updated_at', type: 'timestamptz' }) legacyUpdatedAt!: Date;
  /** The official stage (stages/stage-machine.ts), moved only by the rules or a staff override. */
  @Column({ type: 'text', default: 'INTAKE' }) stage!: MatterStage;
  /** The canonical case status the mapping gives the legacy one (null while unmapped), for staff. */
  @Column({ name: 'case_status', type: 'text', nullable: true }) caseStatus!: string | null;
  @Column({ name: 'synced_at', type: 'timestamptz', default: () => 'now()' }) syncedAt!: Date;
}
