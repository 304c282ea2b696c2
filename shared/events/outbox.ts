import type { EntityManager } from 'typeorm';
import { EVENT_PAYLOADS, isDomainEventType, type DomainEvent, type NewDomainEvent } from './catalog.js';
import { currentTraceparent } from '../observability/tracing.js';
import { announceReadModelChange, tagsOfEvents } from './read-model-changes.js';

/** The channel the outbox's insert trigger notifies (PostgreSQL only; consumers poll too). */
export const OUTBOX_CHANNEL = 'casebridge_events';

const INSERT_CHUNK = 1000;

/**
 * Records events inside the caller's transaction, so they exist exactly when the read-model change
 * they describe commits. A dedupe key already recorded is skipped: re-reading the same legacy
 * version records nothing new. Returns how many were new.
 */
export async function recordEvents(manager: EntityManager, events: readonly NewDomainEvent[]): Promise<number> {
  let recorded = 0;
  // The recording span's context travels with the events: whoever handles them continues its trace.
  const traceContext = currentTraceparent();
  // What the events describe changed in this transaction: cached answers of their clients go at commit.
  await announceReadModelChange(manager, tagsOfEvents(events));
  for (let start = 0; start < events.length; start += INSERT_CHUNK) {
    const chunk = events.slice(start, start + INSERT_CHUNK);
    const params: unknown[] = [];
    const values = chunk.map((event) => {
      const payload = EVENT_PAYLOADS[event.type].parse(event.payload);
      params.push(event.type, event.matterId ?? null, event.matterNumber ?? null, event.clientId ?? null, event.subject, event.occurredAt, JSON.stringify(payload), event.dedupeKey, traceContext);
      const n = params.length;
      return `($${n - 8}, $${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}::timestamptz, $${n - 2}::jsonb, $${n - 1}, $${n})`;
    });
    const rows: unknown[] = await manager.query(
      `INSERT INTO events.outbox (type, matter_id, matter_number, client_id, subject, occurred_at, payload, dedupe_key, trace_context)
       VALUES ${values.join(', ')} ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      params,
    );
    recorded += rows.length;
  }
  return recorded;
}

export interface OutboxRow {
  id: string;
  tx_id: string;
  type: string;
  matter_id: string | null;
  matter_number: string | null;
  client_id: string | null;
  subject: string;
  occurred_at: Date;
  recorded_at: Date;
  payload: unknown;
  trace_context: string | null;
}

/** An outbox row as a typed event; throws on a type or payload no schema knows (a bug, not data). */
export function parseEvent(row: OutboxRow): DomainEvent {
  if (!isDomainEventType(row.type)) throw new Error(`Outbox event ${row.id} has unknown type ${row.type}`);
  const payload = EVENT_PAYLOADS[row.type].parse(row.payload);
  return {
    id: String(row.id),
    txId: String(row.tx_id),
    type: row.type,
    payload,
    subject: row.subject,
    occurredAt: new Date(row.occurred_at),
    recordedAt: new Date(row.recorded_at),
    matterId: row.matter_id,
    matterNumber: row.matter_number,
    clientId: row.client_id,
    traceContext: row.trace_context,
  } as DomainEvent;
}

export const OUTBOX_COLUMNS = 'id, tx_id, type, matter_id, matter_number, client_id, subject, occurred_at, recorded_at, payload, trace_context';
