import type { DataSource, EntityManager } from 'typeorm';
import type { DomainEvent, DomainEventType } from './catalog.js';
import { OUTBOX_COLUMNS, parseEvent, type OutboxRow } from './outbox.js';
import { continueTraces } from '../observability/tracing-events.js';

export interface ConsumeOptions {
  /** The consumer's name: its position is kept under it. */
  consumer: string;
  /** Only these types are handed over (the position still moves past the others). */
  types?: readonly DomainEventType[];
  batchSize?: number;
}

/** Events committed by transactions older than every running one: no earlier event can still appear. */
const SETTLED = `tx_id < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`;

/** The events after a position, in (tx_id, id) order, from settled transactions only. */
function selectAfter(db: Pick<EntityManager, 'query'>, position: { txId: string; eventId: string }, limit: number): Promise<OutboxRow[]> {
  return db.query(
    `SELECT ${OUTBOX_COLUMNS} FROM events.outbox
      WHERE (tx_id, id) > ($1::bigint, $2::bigint) AND ${SETTLED}
      ORDER BY tx_id, id LIMIT $3`,
    [position.txId, position.eventId, limit],
  );
}

/**
 * Hands the next batch of events to `handle`, inside one transaction that also moves the
 * consumer's position: what the handler writes and the position commit together, so each event is
 * handled exactly once even with several workers (the position row is locked while a batch runs)
 * and across crashes (a failed batch rolls back and is handed over again). Events are read in
 * (tx_id, id) order and only from finished transactions, so a slow transaction's events are never
 * skipped. Returns how many events were read (0 when caught up).
 */
export async function consumeEvents(
  dataSource: DataSource,
  options: ConsumeOptions,
  handle: (manager: EntityManager, events: DomainEvent[]) => Promise<void>,
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  return dataSource.transaction(async (manager) => {
    await manager.query(`INSERT INTO events.consumers (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [options.consumer]);
    const [position]: Array<{ tx_id: string; event_id: string }> = await manager.query(
      `SELECT tx_id, event_id FROM events.consumers WHERE name = $1 FOR UPDATE`, [options.consumer],
    );
    const rows = await selectAfter(manager, { txId: position!.tx_id, eventId: position!.event_id }, batchSize);
    if (rows.length === 0) return 0;
    const wanted = options.types ? new Set<string>(options.types) : null;
    const events = rows.filter((r) => wanted === null || wanted.has(r.type)).map(parseEvent);
    if (events.length > 0) await continueTraces(`consume ${options.consumer}`, events.map((e) => e.traceContext), () => handle(manager, events));
    const last = rows[rows.length - 1]!;
    await manager.query(`UPDATE events.consumers SET tx_id = $2, event_id = $3, updated_at = now() WHERE name = $1`, [options.consumer, last.tx_id, last.id]);
    return rows.length;
  });
}

/** Consumes until caught up; returns how many events were read. */
export async function drainEvents(
  dataSource: DataSource,
  options: ConsumeOptions,
  handle: (manager: EntityManager, events: DomainEvent[]) => Promise<void>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const read = await consumeEvents(dataSource, options, handle);
    total += read;
    if (read === 0) return total;
  }
}

/**
 * Events after a position, without a consumer row: for readers that keep their position in memory
 * (a gateway's live subscriptions) and start from "now" (latestPosition).
 */
export async function readEventsAfter(
  dataSource: DataSource, position: { txId: string; eventId: string }, limit = 500,
): Promise<DomainEvent[]> {
  return (await selectAfter(dataSource, position, limit)).map(parseEvent);
}

/** The position just before the first event no transaction has finished yet. */
export async function latestPosition(dataSource: DataSource): Promise<{ txId: string; eventId: string }> {
  const [row]: Array<{ tx_id: string | null; id: string | null }> = await dataSource.query(
    `SELECT tx_id, id FROM events.outbox WHERE ${SETTLED} ORDER BY tx_id DESC, id DESC LIMIT 1`,
  );
  return { txId: row?.tx_id ?? '0', eventId: row?.id ?? '0' };
}
