import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the worker knows of a legacy system as a whole (its circuit), for sync health in any process. */
@Entity({ schema: 'sync', name: 'legacy_systems' })
export class LegacySystemStateRow {
  @PrimaryColumn({ type: 'text' }) system!: string;
  /** CLOSED, OPEN or HALF_OPEN. */
  @Column({ name: 'circuit_state', type: 'text', default: 'CLOSED' }) circuitState!: string;
  @Column({ name: 'circuit_changed_at', type: 'timestamptz', default: () => 'now()' }) circuitChangedAt!: Date;
  @Column({ name: 'last_failure', type: 'text', nullable: true }) lastFailure!: string | null;
  /** The API version the adapter sends. */
  @Column({ name: 'api_version', type: 'text', nullable: true }) apiVersion!: string | null;
  /** While in the future, the worker is registering webhooks: a handshake for a subscription not stored yet is waited for. */
  @Column({ name: 'webhook_registering_until', type: 'timestamptz', nullable: true }) webhookRegisteringUntil!: Date | null;
}
