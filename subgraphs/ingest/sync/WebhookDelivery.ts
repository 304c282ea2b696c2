import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A webhook delivery as received, stored before the sender gets its 2xx; the worker processes it
 * once (processed_at) through the same write path as polling.
 */
@Entity({ schema: 'sync', name: 'webhook_deliveries' })
@Index(['system', 'deliveryId'], { unique: true })
@Index(['receivedAt'], { where: 'processed_at IS NULL' })
export class WebhookDeliveryRow {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) system!: string;
  @Column({ name: 'delivery_id', type: 'text' }) deliveryId!: string;
  @Column({ name: 'legacy_webhook_id', type: 'text' }) legacyWebhookId!: string;
  /** The watched model, from the subscription the delivery was signed for. */
  @Column({ type: 'text' }) model!: string;
  /** created, updated or deleted. */
  @Column({ type: 'text' }) event!: string;
  @Column({ name: 'object_id', type: 'text', nullable: true }) objectId!: string | null;
  @Column({ name: 'occurred_at', type: 'timestamptz', nullable: true }) occurredAt!: Date | null;
  /** The whole body as received: a notice, never written to the read model as the record. */
  @Column({ type: 'jsonb' }) payload!: unknown;
  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true }) processedAt!: Date | null;
  /** While set and in the future, a processor is reading this delivery's record from the legacy system. */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true }) claimedUntil!: Date | null;
  /** STORED (the record as the legacy system holds it now), DELETED (it answered 404), QUARANTINED, IGNORED (nothing to do), FAILED. */
  @Column({ type: 'text', nullable: true }) outcome!: string | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  /** The W3C traceparent of the request that stored it (null with traces off): its processing continues that trace. */
  @Column({ name: 'trace_context', type: 'text', nullable: true }) traceContext!: string | null;
}
