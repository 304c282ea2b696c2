import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A CMS contact who is a client of the firm. */
@Entity({ schema: 'matters', name: 'clients' })
export class ClientRow {
  /** The CMS contact id. */
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Index() @Column({ type: 'text', nullable: true }) email!: string | null;
  /** Person or Company, as the CMS says. */
  @Column({ type: 'text' }) kind!: string;
  @Column({ name: 'legacy_updated_at', type: 'timestamptz' }) legacyUpdatedAt!: Date;
  @Column({ name: 'synced_at', type: 'timestamptz', default: () => 'now()' }) syncedAt!: Date;
}
