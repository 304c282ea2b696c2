import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A token bucket of the gateway's per-principal rate limit, in the database so that every gateway
 * replica spends from the same one (shared-token-buckets.ts). `key` is `principal:<account id>`.
 */
@Entity({ schema: 'identity', name: 'rate_buckets' })
export class RateBucketRow {
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ type: 'double precision' }) tokens!: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  /** Whether the last take found enough tokens (and spent them). */
  @Column({ name: 'last_allowed', type: 'boolean' }) lastAllowed!: boolean;
  /** How many tokens the last take granted, to be handed out in order to the callers it took for. */
  @Column({ name: 'last_granted', type: 'double precision', default: 0 }) lastGranted!: number;
}
