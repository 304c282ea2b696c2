import type { DataSource, EntityManager } from 'typeorm';
import { LegacyCircuitOpenError, LegacyUnavailableError, type LegacyHttpClient } from '../../../shared/legacy-http/index.js';
import type { Logger } from '../../../shared/logger.js';
import { quarantineInvalid, resolveSuperseded } from '../sync/quarantine.js';
import type { WebhookModel } from './model.js';
import { readRecord, type RecordRead } from './read-record.js';
import { continueTraces } from '../../../shared/observability/tracing-events.js';

/** A delivery that keeps failing (a bug, not drift: drift is quarantined) is set aside after this many tries. */
const MAX_ATTEMPTS = 5;
/** How long a processor owns the deliveries it claimed while it reads their record from the legacy system. */
const CLAIM_SECONDS = 60;
/** After the legacy system was unreachable, its claimed deliveries wait this long (polling covers them meanwhile). */
const UNAVAILABLE_RETRY_SECONDS = 30;

export interface DeliveryProcessing {
  dataSource: DataSource;
  /** Per system, the models it delivers and how each is written. */
  models: Readonly<Record<string, Readonly<Record<string, WebhookModel>>>>;
  /** Per system, the client a delivery's record is read with: the delivery's own body is never trusted as the record. */
  http: Readonly<Record<string, LegacyHttpClient>>;
  apiVersions?: Partial<Record<string, string>>;
  logger: Logger;
}

interface Claimed {
  ids: string[];
  system: string;
  model: string;
  objectId: string | null;
  /** The trace context each claimed delivery was stored with. */
  traces: Array<string | null>;
}

type Outcome = 'STORED' | 'QUARANTINED' | 'DELETED' | 'IGNORED';

/**
 * Claims the oldest unclaimed delivery together with every other unprocessed delivery of the same
 * object: all were stored before the record is read, so one read answers them all.
 */
async function claim(dataSource: DataSource, skip: readonly string[]): Promise<Claimed | undefined> {
  type Row = { id: string; system: string; model: string; object_id: string | null; trace_context: string | null };
  const rows = await dataSource.query(
    `WITH first AS (
       SELECT system, model, object_id FROM sync.webhook_deliveries
        WHERE processed_at IS NULL AND (claimed_until IS NULL OR claimed_until < now()) AND NOT (id = ANY($1::bigint[]))
        ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED),
     batch AS (
       -- SKIP LOCKED here too: a processor claiming the same object at this moment keeps its rows, nobody waits.
       SELECT d.id FROM sync.webhook_deliveries d JOIN first ON d.system = first.system AND d.model = first.model
          AND d.object_id IS NOT DISTINCT FROM first.object_id
        WHERE d.processed_at IS NULL AND (d.claimed_until IS NULL OR d.claimed_until < now()) AND NOT (d.id = ANY($1::bigint[]))
        ORDER BY d.id FOR UPDATE OF d SKIP LOCKED)
     UPDATE sync.webhook_deliveries d SET claimed_until = now() + make_interval(secs => $2)
       FROM batch WHERE d.id = batch.id
     RETURNING d.id::text AS id, d.system, d.model, d.object_id, d.trace_context`,
    [skip, CLAIM_SECONDS],
  ).then((result: [Row[], number]) => result[0]);
  if (rows.length === 0) return undefined;
  return { ids: rows.map((r) => r.id), system: rows[0]!.system, model: rows[0]!.model, objectId: rows[0]!.object_id, traces: rows.map((r) => r.trace_context) };
}

/**
 * Writes what the legacy system holds now through the owning context's write function — the very
 * one the polling sync uses, so domain events and the newer-version guard come with it — or
 * removes the record when the system confirms it is gone. A record that fails its schema is
 * quarantined like a polled one.
 */
async function apply(manager: EntityManager, options: DeliveryProcessing, spec: WebhookModel, c: Claimed, read: RecordRead): Promise<Outcome> {
  if (read.state === 'gone') {
    await spec.remove(manager, [c.objectId!]);
    return 'DELETED';
  }
  if (read.page.invalid.length > 0) {
    await quarantineInvalid(manager, { system: c.system, resource: spec.resource, apiVersion: options.apiVersions?.[c.system] ?? null }, read.page.invalid);
    return 'QUARANTINED';
  }
  await spec.write(manager, read.page.records);
  await resolveSuperseded(manager, 'INVALID_SHAPE', c.system, spec.resource, [c.objectId!]);
  return 'STORED';
}

async function finish(manager: EntityManager, ids: readonly string[], outcome: Outcome): Promise<void> {
  await manager.query(
    `UPDATE sync.webhook_deliveries SET processed_at = now(), outcome = $2, attempts = attempts + 1, last_error = NULL, claimed_until = NULL
      WHERE id = ANY($1::bigint[])`,
    [ids, outcome],
  );
}

/**
 * Processes every stored, unprocessed delivery, oldest first: each object's pending deliveries are
 * claimed together, its record read once from the legacy system (outside any transaction, so the
 * outbox is never held up by an HTTP call), then written in one transaction. Several workers share
 * the backlog; each delivery is processed once. Returns how many deliveries were processed.
 */
export async function processWebhookDeliveries(options: DeliveryProcessing): Promise<number> {
  const { dataSource, logger } = options;
  const failed: string[] = [];
  let processed = 0;
  for (;;) {
    const claimed = await claim(dataSource, failed);
    if (!claimed) return processed;
    const spec = options.models[claimed.system]?.[claimed.model];
    const http = options.http[claimed.system];
    try {
      if (!spec || !http || claimed.objectId === null) {
        await dataSource.transaction((manager) => finish(manager, claimed.ids, 'IGNORED'));
      } else {
        // The delivery's trace goes on: the CMS read, the write and the events it records (and so the rules and notifications after them).
        const outcome = await continueTraces(`webhook delivery ${claimed.system} ${claimed.model}`, claimed.traces, async () => {
          const read = await readRecord(http, spec, claimed.objectId!);
          return dataSource.transaction(async (manager) => {
            const outcome = await apply(manager, options, spec, claimed, read);
            await finish(manager, claimed.ids, outcome);
            return outcome;
          });
        });
        logger.debug({ system: claimed.system, model: claimed.model, objectId: claimed.objectId, deliveries: claimed.ids.length, outcome }, 'webhook deliveries processed');
      }
      processed += claimed.ids.length;
    } catch (error) {
      if (error instanceof LegacyUnavailableError || error instanceof LegacyCircuitOpenError) {
        // The system is down or throttling: not the delivery's fault. Leave it claimed for a while and stop this run.
        await dataSource.query(
          `UPDATE sync.webhook_deliveries SET claimed_until = now() + make_interval(secs => $2), last_error = $3 WHERE id = ANY($1::bigint[])`,
          [claimed.ids, UNAVAILABLE_RETRY_SECONDS, error.message.slice(0, 2000)],
        );
        logger.warn({ err: error, system: claimed.system }, 'could not read a webhook delivery\'s record; retried later, polling covers it meanwhile');
        return processed;
      }
      failed.push(...claimed.ids);
      logger.warn({ err: error, deliveries: claimed.ids }, 'processing a webhook delivery failed; retried later');
      await dataSource.query(
        `UPDATE sync.webhook_deliveries SET attempts = attempts + 1, last_error = $2, claimed_until = NULL,
                processed_at = CASE WHEN attempts + 1 >= $3 THEN now() END, outcome = CASE WHEN attempts + 1 >= $3 THEN 'FAILED' END
          WHERE id = ANY($1::bigint[])`,
        [claimed.ids, (error instanceof Error ? error.message : String(error)).slice(0, 2000), MAX_ATTEMPTS],
      );
    }
  }
}

/** Processed deliveries are kept this long: long enough to recognise any re-delivery (Clio retries for minutes). */
export const KEEP_PROCESSED_DAYS = 7;

export async function pruneWebhookDeliveries(dataSource: DataSource): Promise<void> {
  await dataSource.query(`DELETE FROM sync.webhook_deliveries WHERE processed_at < now() - make_interval(days => $1)`, [KEEP_PROCESSED_DAYS]);
}
