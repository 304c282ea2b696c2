import type { DataSource, EntityManager } from 'typeorm';
import type { LegacySystemName } from '../../../shared/legacy-http/index.js';
import { syncedResources } from './resources.js';

/**
 * When each legacy system's first import finished: the latest first-import time of its resources,
 * null while any of them has not finished. The one place that decides it.
 */
export async function importFinishedAt(db: Pick<EntityManager, 'query'>): Promise<Partial<Record<LegacySystemName, Date | null>>> {
  const rows: Array<{ system: string; resource: string; imported_at: Date | null }> = await db.query(`SELECT system, resource, imported_at FROM sync.cursors`);
  const at = new Map(rows.map((r) => [`${r.system}/${r.resource}`, r.imported_at === null ? null : new Date(r.imported_at)]));
  const result: Partial<Record<LegacySystemName, Date | null>> = {};
  for (const { system, resources } of syncedResources()) {
    const times = resources.map((resource) => at.get(`${system}/${resource}`) ?? null);
    result[system] = times.some((t) => t === null) ? null : new Date(Math.max(...times.map((t) => t!.getTime())));
  }
  return result;
}

/** True once every registered resource has finished its first full import (the gateway's /healthz, the rules). */
export async function isInitialImportDone(dataSource: DataSource): Promise<boolean> {
  return Object.values(await importFinishedAt(dataSource)).every((at) => at !== null && at !== undefined);
}
