import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A lead whose follow-up task was late: one row per lead, ever, so a team lead is told once. */
@Entity({ schema: 'intake', name: 'escalations' })
export class EscalationRow {
  @PrimaryColumn({ name: 'lead_id', type: 'uuid' }) leadId!: string;
  @Column({ name: 'escalated_at', type: 'timestamptz' }) escalatedAt!: Date;
  @Column({ name: 'late_seconds', type: 'integer' }) lateSeconds!: number;
  /** The team lead told, by name. */
  @Column({ type: 'text' }) notified!: string;
}
