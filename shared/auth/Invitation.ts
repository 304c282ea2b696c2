import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A one-time link that lets a client contact set the password of their new portal login. */
@Entity({ schema: 'identity', name: 'invitations' })
export class InvitationRow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** sha256 of the token in the link: the token itself is never stored. */
  @Index({ unique: true }) @Column({ name: 'token_hash', type: 'text' }) tokenHash!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ name: 'client_id', type: 'text' }) clientId!: string;
  @Column({ name: 'invited_by', type: 'text' }) invitedBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt!: Date | null;
}
