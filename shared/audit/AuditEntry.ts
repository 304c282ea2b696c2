import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_KINDS = ['GRAPHQL', 'LOGIN', 'SET_PASSWORD', 'WEBHOOK'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
export const AUDIT_OUTCOMES = ['SUCCESS', 'ERROR', 'DENIED'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * One audited request. Append-only: the application only inserts, and a trigger in the database
 * refuses UPDATE and DELETE on this table.
 */
@Entity({ schema: 'audit', name: 'entries' })
@Index(['at'])
@Index(['accountId', 'at'])
export class AuditEntryRow {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
  @Column({ type: 'text' }) kind!: AuditKind;
  @Column({ name: 'account_id', type: 'text', nullable: true }) accountId!: string | null;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) role!: string | null;
  @Column({ name: 'client_id', type: 'text', nullable: true }) clientId!: string | null;
  @Column({ name: 'operation_name', type: 'text', nullable: true }) operationName!: string | null;
  /** sha256 of the operation document. */
  @Column({ name: 'operation_hash', type: 'text', nullable: true }) operationHash!: string | null;
  /**
   * Variables with secrets redacted, and bounded whatever the caller sent (shared/audit/redact.ts):
   * a string over 512 characters keeps its first 120 and then `[TRUNCATED <n> bytes sha256:<hex>]`
   * (the whole value's size and hash), and the object stays within 8 KiB of JSON — members past
   * that are replaced by one such mark under the key "…".
   */
  @Column({ type: 'jsonb', nullable: true }) variables!: Record<string, unknown> | null;
  @Column({ type: 'text' }) outcome!: AuditOutcome;
  @Column({ name: 'error_codes', type: 'text', array: true, default: () => "'{}'" }) errorCodes!: string[];
  @Column({ name: 'duration_ms', type: 'integer' }) durationMs!: number;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  @Column({ name: 'user_agent', type: 'text', nullable: true }) userAgent!: string | null;
}
