import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Where a notification stands on its way to the client's inbox:
 * - PENDING: waits for its delivery (`due_at`); CLAIMED: in a delivery not yet sent;
 * - SENT: in exactly one sent delivery (`delivery_id`);
 * - WITHDRAWN: its update was withdrawn or superseded before it left (hidden from the portal);
 * - PORTAL_ONLY: shown in the portal, never mailed (preference OFF, or no email address).
 */
export const NOTIFICATION_STATUSES = ['PENDING', 'CLAIMED', 'SENT', 'WITHDRAWN', 'PORTAL_ONLY'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** A message for a client, shown in the portal and delivered by email. */
@Entity({ schema: 'notifications', name: 'notifications' })
@Index(['clientId', 'createdAt'])
@Index('notifications_due', ['status', 'dueAt'])
export class NotificationRow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'client_id', type: 'text' }) clientId!: string;
  @Column({ name: 'matter_id', type: 'text', nullable: true }) matterId!: string | null;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) body!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** The order rows were written in: ties of created_at (one clock tick) keep it. */
  @Generated('increment') @Column({ type: 'bigint', insert: false, update: false, select: false }) seq!: string;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt!: Date | null;
  /** The matter update it tells (matters.matter_updates): one notification per update. */
  @Index({ unique: true }) @Column({ name: 'update_id', type: 'uuid', nullable: true }) updateId!: string | null;
  /** Sent at once, outside the digest. */
  @Column({ type: 'boolean', default: false }) urgent!: boolean;
  /** DOCUMENT, HEARING, DEADLINE, INVOICE, STAGE or MATTER, as the update says. */
  @Column({ type: 'text', nullable: true }) category!: string | null;
  /** The matter's number and title when the notification was written, for rendering mail. */
  @Column({ name: 'matter_number', type: 'text', nullable: true }) matterNumber!: string | null;
  @Column({ name: 'matter_title', type: 'text', nullable: true }) matterTitle!: string | null;
  /** The update's words in other languages than English, e.g. {"es": {"title", "body"}}, for the client's language. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) translations!: Record<string, { title: string; body: string }>;
  @Column({ type: 'text', default: 'PENDING' }) status!: NotificationStatus;
  /** When a PENDING notification may leave (its client's digest window, quiet hours). */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  /** The one delivery (digest or immediate message) it is in, once claimed. */
  @Index() @Column({ name: 'delivery_id', type: 'uuid', nullable: true }) deliveryId!: string | null;
}
