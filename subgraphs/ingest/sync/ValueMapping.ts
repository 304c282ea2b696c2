import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The versioned mapping from a messy legacy value to a canonical one: a "Case Status" option label
 * to a canonical status, a DMS docType spelling to a document kind. Raw values are stored
 * normalized (lowercase, punctuation as spaces, spaces collapsed). Rows are never edited: a new
 * mapping for the same raw value is a new row with a higher version, and the highest wins.
 */
@Entity({ schema: 'sync', name: 'value_mappings' })
@Index(['kind', 'rawValue', 'version'], { unique: true })
export class ValueMappingRow {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  /** case_status or document_type. */
  @Column({ type: 'text' }) kind!: string;
  @Column({ name: 'raw_value', type: 'text' }) rawValue!: string;
  @Column({ type: 'text' }) canonical!: string;
  @Column({ type: 'integer' }) version!: number;
  /** Who added it: "seed" for the shipped defaults, else the staff account. */
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
