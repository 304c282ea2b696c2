import { EventEmitter } from 'node:events';
import { EventSubscriber, type DataSource, type EntityManager, type EntitySubscriberInterface, type QueryRunner, type TransactionCommitEvent } from 'typeorm';
import type { NewDomainEvent } from './catalog.js';

/**
 * Who may be holding a copy of an answer the read model gave: the gateway's response cache
 * (gateway/response-cache/) tags each client's answers `client:<CMS contact id>`; `*` reaches every
 * copy. A writer that changes what a query answers announces the tags it touched, in the
 * transaction that makes the change: on PostgreSQL a NOTIFY on READ_MODEL_CHANNEL, which is
 * delivered when (and only if) the transaction commits, reaches every replica; within the process
 * the same tags are emitted after the commit (PGlite does not deliver NOTIFY across connections).
 */
export const READ_MODEL_CHANNEL = 'casebridge_read_model';
export const EVERY_COPY = '*';
export const clientTag = (clientId: string) => `client:${clientId}`;

/** NOTIFY payloads are limited to 8000 bytes: past this many tags, every copy goes. */
const MAX_TAGS = 100;
const PENDING = 'readModelChangeTags';
const local = new EventEmitter();
local.setMaxListeners(0);

/** Calls `listener` with the tags of every change this process commits; returns the unsubscribe. */
export function onLocalReadModelChange(listener: (tags: readonly string[]) => void): () => void {
  local.on('change', listener);
  return () => local.off('change', listener);
}

const pendingOf = (runner: QueryRunner): Set<string> => {
  const data = runner.data as Record<string, unknown>;
  const existing = data[PENDING];
  if (existing instanceof Set) return existing as Set<string>;
  const created = new Set<string>();
  data[PENDING] = created;
  return created;
};

/** The tags as one NOTIFY payload: the tags themselves, or `*` when they would not fit. */
export function payloadOf(tags: readonly string[]): string {
  const unique = [...new Set(tags)];
  return JSON.stringify(unique.length > MAX_TAGS || unique.includes(EVERY_COPY) ? [EVERY_COPY] : unique);
}

/**
 * Announces that the caller's write changes what queries of `tags` answer. Inside a transaction it
 * takes effect at commit (nothing is announced on rollback); outside one, at once.
 */
export async function announceReadModelChange(manager: EntityManager | DataSource, tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return;
  const runner = 'queryRunner' in manager ? manager.queryRunner : undefined;
  await manager.query('SELECT pg_notify($1, $2)', [READ_MODEL_CHANNEL, payloadOf(tags)]);
  if (runner?.isTransactionActive) {
    for (const tag of tags) pendingOf(runner).add(tag);
  } else {
    local.emit('change', JSON.parse(payloadOf(tags)) as string[]);
  }
}

/** The copies an outbox event makes stale: its client's, or every copy when the writer did not know the client. */
export function tagsOfEvents(events: readonly NewDomainEvent[]): string[] {
  return events.map((event) => {
    const payload = event.payload as { clientId?: string | null };
    const clientId = event.clientId ?? payload.clientId ?? null;
    return clientId === null ? EVERY_COPY : clientTag(clientId);
  });
}

/** Emits a committed transaction's announced tags within the process (registered by openDatabase; TypeORM takes only decorated subscribers). */
@EventSubscriber()
export class ReadModelChangeSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<string, unknown>;
    const pending = data[PENDING];
    if (!(pending instanceof Set) || pending.size === 0) return;
    delete data[PENDING];
    local.emit('change', JSON.parse(payloadOf([...(pending as Set<string>)])) as string[]);
  }

  afterTransactionRollback(event: { queryRunner: QueryRunner }): void {
    delete (event.queryRunner.data as Record<string, unknown>)[PENDING];
  }
}
