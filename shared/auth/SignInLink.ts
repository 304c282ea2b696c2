import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A one-time emailed link that signs a portal login in (gateway/sign-in-link.ts). */
@Entity({ schema: 'identity', name: 'sign_in_links' })
export class SignInLinkRow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** sha256 of the token in the link: the token itself is never stored. */
  @Index({ unique: true }) @Column({ name: 'token_hash', type: 'text' }) tokenHash!: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt!: Date | null;
}
