import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A CMS user: an attorney, paralegal or administrator of the firm. */
@Entity({ schema: 'matters', name: 'staff' })
export class StaffRow {
  /** The CMS user id. */
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Index() @Column({ type: 'text', nullable: true }) email!: string | null;
  /** The CMS subscription type, e.g. Attorney or NonAttorney. */
  @Column({ name: 'legacy_role', type: 'text', nullable: true }) legacyRole!: string | null;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Column({ name: 'legacy_updated_at', type: 'timestamptz' }) legacyUpdatedAt!: Date;
  @Column({ name: 'synced_at', type: 'timestamptz', default: () => 'now()' }) syncedAt!: Date;
}
