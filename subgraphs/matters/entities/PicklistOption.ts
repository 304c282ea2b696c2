import { Column, Entity, PrimaryColumn } from 'typeorm';

/** CMS picklist options: matters carry option ids, which mean nothing without these labels. */
@Entity({ schema: 'matters', name: 'picklist_options' })
export class PicklistOptionRow {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'custom_field_id', type: 'text' }) customFieldId!: string;
  @Column({ name: 'field_name', type: 'text' }) fieldName!: string;
  @Column({ type: 'text' }) label!: string;
  @Column({ type: 'boolean', default: false }) deleted!: boolean;
}
