import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A message for a client, shown in the portal and delivered by email. */
@Entity({ schema: 'notifications', name: 'notifications' })
@Index(['clientId', 'createdAt'])
export class NotificationRow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'client_id', type: 'text' }) clientId!: string;
  @Column({ name: 'matter_id', type: 'text', nullable: true }) matterId!: string | null;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) body!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt!: Date | null;
}
