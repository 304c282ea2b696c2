import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ROLES = ['CLIENT', 'STAFF', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** A portal login. Clients are linked to a CMS contact, staff to a CMS user. */
@Entity({ schema: 'identity', name: 'accounts' })
export class AccountRow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Stored lower-cased; unique. */
  @Column({ type: 'text', unique: true }) email!: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash!: string;
  @Column({ type: 'text' }) role!: Role;
  @Column({ name: 'client_id', type: 'text', nullable: true }) clientId!: string | null;
  @Column({ name: 'staff_id', type: 'text', nullable: true }) staffId!: string | null;
  @Column({ type: 'boolean', default: false }) disabled!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
