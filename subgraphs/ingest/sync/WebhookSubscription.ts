import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A webhook subscription casebridge holds at a legacy system (one per watched model). The row may
 * first appear from the X-Hook-Secret handshake, which can arrive before the registration call
 * has stored its answer; registration then fills in the rest.
 */
@Entity({ schema: 'sync', name: 'webhook_subscriptions' })
@Index(['system', 'legacyWebhookId'], { unique: true })
export class WebhookSubscriptionRow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) system!: string;
  /** The legacy model watched (matter, contact, calendar_entry, task); null until registration stores it. */
  @Column({ type: 'text', nullable: true }) model!: string | null;
  @Column({ name: 'legacy_webhook_id', type: 'text' }) legacyWebhookId!: string;
  /** The shared secret deliveries are signed with. */
  @Column({ type: 'text', nullable: true }) secret!: string | null;
  @Column({ type: 'text', nullable: true }) url!: string | null;
  @Column({ type: 'text', nullable: true }) fields!: string | null;
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true }) expiresAt!: Date | null;
  /** PENDING (registered, no handshake yet), ENABLED (handshake answered), REMOVED. */
  @Column({ type: 'text', default: 'PENDING' }) status!: string;
  @Column({ name: 'handshake_at', type: 'timestamptz', nullable: true }) handshakeAt!: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
