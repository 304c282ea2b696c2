import type { DataSource } from 'typeorm';
import { SYNC_KEYS } from './resources.js';

/** True once every registered resource has finished its first full import (the gateway's /healthz). */
export async function isInitialImportDone(dataSource: DataSource): Promise<boolean> {
  const rows: Array<{ system: string; resource: string }> = await dataSource.query(
    `SELECT system, resource FROM sync.cursors WHERE imported_at IS NOT NULL`,
  );
  const done = new Set(rows.map((r) => `${r.system}/${r.resource}`));
  return SYNC_KEYS.every((k) => done.has(`${k.system}/${k.resource}`));
}
