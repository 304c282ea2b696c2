import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DocumentKind } from '../generated/resolvers.js';

/** The SDL's enum DocumentKind (generated), in its order. */
export const DOCUMENT_KINDS: readonly DocumentKind[] = Object.values(DocumentKind);
export type { DocumentKind };

@Entity({ schema: 'documents', name: 'documents' })
export class DocumentRow {
  /** The DMS document id. */
  @PrimaryColumn({ type: 'text' }) id!: string;
  /** The DMS workspace key: the matter's CMS display number. */
  @Index() @Column({ name: 'matter_number', type: 'text' }) matterNumber!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: DocumentKind;
  /** The DMS docType as typed, for staff. */
  @Column({ name: 'legacy_doc_type', type: 'text', nullable: true }) legacyDocType!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) attributes!: Record<string, string>;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags!: string[];
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'legacy_updated_at', type: 'timestamptz' }) legacyUpdatedAt!: Date;
  @Column({ name: 'synced_at', type: 'timestamptz', default: () => 'now()' }) syncedAt!: Date;
}
