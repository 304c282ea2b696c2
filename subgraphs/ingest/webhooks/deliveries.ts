import type { DataSource, EntityManager } from 'typeorm';
import { validateRecords } from '../../../shared/legacy-http/index.js';
import type { Logger } from '../../../shared/logger.js';
import { quarantineInvalid, resolveSuperseded } from '../sync/quarantine.js';
import type { WebhookModel } from './model.js';

/** A delivery that keeps failing (a bug, not drift: drift is quarantined) is set aside after this many tries. */
const MAX_ATTEMPTS = 5;

export interface DeliveryProcessing {
  dataSource: DataSource;
  /** Per system, the models it delivers and how each is written. */
  models: Readonly<Record<string, Readonly<Record<string, WebhookModel>>>>;
  apiVersions?: Partial<Record<string, string>>;
  logger: Logger;
}

interface Claimed {
  id: string;
  system: string;
  model: string;
  event: string;
  attempts: number;
  payload: { data: Record<string, unknown> };
}

type Outcome = 'STORED' | 'QUARANTINED' | 'IGNORED';

/**
 * Writes one delivery's record through the owning context's write function — the very one the
 * polling sync uses, so domain events and the newer-version guard come with it: an out-of-order
 * delivery older than the stored row changes nothing. A record that fails its schema is
 * quarantined like a polled one. Deletions are left to polling's deletion sweep.
 */
async function apply(manager: EntityManager, options: DeliveryProcessing, d: Claimed): Promise<Outcome> {
  const spec = options.models[d.system]?.[d.model];
  if (!spec || d.event === 'deleted') return 'IGNORED';
  const page = validateRecords([d.payload.data], spec.schema);
  if (page.invalid.length > 0) {
    await quarantineInvalid(manager, { system: d.system, resource: spec.resource, apiVersion: options.apiVersions?.[d.system] ?? null }, page.invalid);
    return 'QUARANTINED';
  }
  await spec.write(manager, page.records);
  await resolveSuperseded(manager, 'INVALID_SHAPE', d.system, spec.resource, page.records.map((r) => String((r as { id: unknown }).id)));
  return 'STORED';
}

/**
 * Processes every stored, unprocessed delivery, oldest first, one transaction each. FOR UPDATE
 * SKIP LOCKED lets several workers share the backlog with each delivery processed once. Returns
 * how many were processed.
 */
export async function processWebhookDeliveries(options: DeliveryProcessing): Promise<number> {
  const { dataSource, logger } = options;
  const failed: string[] = [];
  let processed = 0;
  for (;;) {
    let claimedId: string | undefined;
    try {
      const done = await dataSource.transaction(async (manager) => {
        const [d] = await manager.query(
          `SELECT id::text, system, model, event, attempts, payload FROM sync.webhook_deliveries
            WHERE processed_at IS NULL AND NOT (id = ANY($1::bigint[]))
            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [failed],
        ) as Claimed[];
        if (!d) return false;
        claimedId = d.id;
        const outcome = await apply(manager, options, d);
        await manager.query(
          `UPDATE sync.webhook_deliveries SET processed_at = now(), outcome = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1`,
          [d.id, outcome],
        );
        return true;
      });
      if (!done) return processed;
      processed += 1;
    } catch (error) {
      if (claimedId === undefined) throw error;
      failed.push(claimedId);
      logger.warn({ err: error, deliveryId: claimedId }, 'processing a webhook delivery failed; retried later');
      await dataSource.query(
        `UPDATE sync.webhook_deliveries SET attempts = attempts + 1, last_error = $2,
                processed_at = CASE WHEN attempts + 1 >= $3 THEN now() END, outcome = CASE WHEN attempts + 1 >= $3 THEN 'FAILED' END
          WHERE id = $1`,
        [claimedId, (error instanceof Error ? error.message : String(error)).slice(0, 2000), MAX_ATTEMPTS],
      );
    }
  }
}

/** Processed deliveries are kept this long: long enough to recognise any re-delivery (Clio retries for minutes). */
export const KEEP_PROCESSED_DAYS = 7;

export async function pruneWebhookDeliveries(dataSource: DataSource): Promise<void> {
  await dataSource.query(`DELETE FROM sync.webhook_deliveries WHERE processed_at < now() - make_interval(days => $1)`, [KEEP_PROCESSED_DAYS]);
}
