import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Logger } from '../../../shared/logger.js';

/** How a context re-runs its ordinary write path for quarantined records of one resource. */
export interface Reprocessor<T = unknown> {
  system: string;
  resource: string;
  /** The same schema the adapter validates with: the stored payload is parsed again by it. */
  schema: z.ZodType<T>;
  write(manager: EntityManager, records: readonly T[]): Promise<void>;
}

const BATCH = 500;

const WAITING = `q.resolved_at IS NULL AND q.reason = 'UNMAPPED_VALUE'
  AND EXISTS (SELECT 1 FROM sync.value_mappings m WHERE m.kind = q.mapping_kind AND m.raw_value = q.raw_value)`;

/** Whether any open UNMAPPED_VALUE item now has a mapping (so a re-processing run is worth scheduling). */
export async function hasReprocessable(dataSource: DataSource): Promise<boolean> {
  const [row]: Array<{ waiting: boolean }> = await dataSource.query(`SELECT EXISTS (SELECT 1 FROM sync.quarantine q WHERE ${WAITING}) AS waiting`);
  return row?.waiting ?? false;
}

interface WaitingItem {
  id: string;
  system: string;
  resource: string;
  payload: unknown;
}

/**
 * Re-processes every open UNMAPPED_VALUE item whose raw value now has a mapping: per batch, one
 * transaction marks the items REPROCESSED and runs the records through their context's write path
 * (which stores them, records their events, or quarantines them again). Items are locked SKIP
 * LOCKED, so two workers never re-process one item. Returns how many were re-processed.
 */
export async function reprocessQuarantine(dataSource: DataSource, reprocessors: readonly Reprocessor[], logger: Logger): Promise<number> {
  const byResource = new Map(reprocessors.map((r) => [`${r.system}/${r.resource}`, r]));
  let total = 0;
  for (;;) {
    const done = await dataSource.transaction(async (manager) => {
      const items: WaitingItem[] = await manager.query(
        `SELECT q.id, q.system, q.resource, q.payload FROM sync.quarantine q
          WHERE ${WAITING}
          ORDER BY q.first_seen_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      const groups = new Map<Reprocessor, unknown[]>();
      const resolved: string[] = [];
      for (const item of items) {
        const reprocessor = byResource.get(`${item.system}/${item.resource}`);
        const parsed = reprocessor?.schema.safeParse(item.payload);
        if (!reprocessor || !parsed?.success) {
          logger.warn({ quarantineId: item.id, system: item.system, resource: item.resource }, 'quarantined record cannot be re-processed; left open');
          continue;
        }
        groups.set(reprocessor, [...(groups.get(reprocessor) ?? []), parsed.data]);
        resolved.push(item.id);
      }
      if (resolved.length === 0) return 0;
      // Resolved first: the write path may quarantine a record again, which opens a fresh item.
      await manager.query(`UPDATE sync.quarantine SET resolved_at = now(), resolution = 'REPROCESSED' WHERE id = ANY($1::uuid[])`, [resolved]);
      for (const [reprocessor, records] of groups) await reprocessor.write(manager, records);
      return resolved.length;
    });
    total += done;
    if (done < BATCH) break;
  }
  if (total > 0) logger.info({ reprocessed: total }, 'quarantined records re-processed after a new mapping');
  return total;
}
