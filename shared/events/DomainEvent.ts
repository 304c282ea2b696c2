import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The transactional outbox: every fact casebridge learns (a document filed, a hearing moved, an
 * update published) is a row here, written in the same transaction as the read-model change it
 * describes. Consumers (rules, notifications, live subscriptions) read it in (tx_id, id) order
 * through shared/events/consumer.ts; rows are never updated.
 */
@Entity({ schema: 'events', name: 'outbox' })
@Index(['txId', 'id'])
@Index(['matterId', 'id'])
@Index(['matterNumber', 'id'])
export class DomainEventRow {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  /** The writing transaction's id (pg_current_xact_id): consumers read only finished transactions. */
  @Column({ name: 'tx_id', type: 'bigint', default: () => '(pg_current_xact_id()::text)::bigint' }) txId!: string;
  /** One of DOMAIN_EVENT_TYPES (catalog.ts). */
  @Column({ type: 'text' }) type!: string;
  /** The CMS matter id, when the writer knows it (the DMS knows only the number). */
  @Column({ name: 'matter_id', type: 'text', nullable: true }) matterId!: string | null;
  @Column({ name: 'matter_number', type: 'text', nullable: true }) matterNumber!: string | null;
  @Column({ name: 'client_id', type: 'text', nullable: true }) clientId!: string | null;
  /** What the event is about, e.g. document:123 or calendar:9f3…; with type and version it deduplicates. */
  @Column({ type: 'text' }) subject!: string;
  /** When it happened in the world (the legacy record's time), not when we learned it. */
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt!: Date;
  /** The event's facts, shaped by its type's schema in catalog.ts. */
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  /** Re-fetching the same legacy version must not record the same fact twice. */
  @Index({ unique: true }) @Column({ name: 'dedupe_key', type: 'text' }) dedupeKey!: string;
  /** The W3C traceparent of the span that recorded it (null with traces off): consumers continue that trace. */
  @Column({ name: 'trace_context', type: 'text', nullable: true }) traceContext!: string | null;
}

/** Where one consumer of the outbox stands: every event at or before (tx_id, event_id) is done. */
@Entity({ schema: 'events', name: 'consumers' })
export class EventConsumerRow {
  @Column({ type: 'text', primary: true }) name!: string;
  @Column({ name: 'tx_id', type: 'bigint', default: 0 }) txId!: string;
  @Column({ name: 'event_id', type: 'bigint', default: 0 }) eventId!: string;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
