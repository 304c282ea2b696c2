import { Column, Entity, PrimaryColumn } from 'typeorm';

export const CONNECTION_STATUSES = ['CONNECTED', 'REVOKED', 'NOT_CONNECTED'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/**
 * A firm's OAuth connection to a legacy provider (`clio`: the CMS and billing). The tokens are
 * stored encrypted with SECRETS_KEY (secrets.ts); the row is the lock refreshers take in turn.
 */
@Entity({ schema: 'sync', name: 'legacy_connections' })
export class LegacyConnectionRow {
  @PrimaryColumn({ type: 'text' }) provider!: string;
  @Column({ type: 'text' }) status!: ConnectionStatus;
  @Column({ name: 'access_token', type: 'text', nullable: true }) accessToken!: string | null;
  @Column({ name: 'refresh_token', type: 'text', nullable: true }) refreshToken!: string | null;
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true }) expiresAt!: Date | null;
  @Column({ name: 'connected_at', type: 'timestamptz', nullable: true }) connectedAt!: Date | null;
  @Column({ name: 'connected_by', type: 'text', nullable: true }) connectedBy!: string | null;
  @Column({ name: 'refreshed_at', type: 'timestamptz', nullable: true }) refreshedAt!: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  /** Set once the admins were told of the revocation: they are told once per revocation. */
  @Column({ name: 'revocation_notified_at', type: 'timestamptz', nullable: true }) revocationNotifiedAt!: Date | null;
}

/** A pending "Connect Clio": the state sent to the provider, bound to the admin and their browser. */
@Entity({ schema: 'sync', name: 'connect_states' })
export class ConnectStateRow {
  /** SHA-256 of the state, hex: a leaked table row cannot finish a connection. */
  @PrimaryColumn({ name: 'state_hash', type: 'text' }) stateHash!: string;
  @Column({ type: 'text' }) provider!: string;
  @Column({ name: 'account_id', type: 'text' }) accountId!: string;
  /** SHA-256 of the nonce in the admin's browser cookie. */
  @Column({ name: 'browser_hash', type: 'text' }) browserHash!: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
}
