import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins per account and per address, kept in the database so every gateway replica
 * sees the same count. `key` is `account:<email>|address:<ip>`, `account:<email>` or `address:<ip>`.
 */
@Entity({ schema: 'identity', name: 'login_throttle' })
export class LoginThrottleRow {
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ type: 'integer' }) failures!: number;
  @Column({ name: 'window_started_at', type: 'timestamptz' }) windowStartedAt!: Date;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
}
