import type { EntityManager } from 'typeorm';
import { announceReadModelChange, EVERY_COPY } from '../../../shared/events/index.js';

export interface UpsertColumn {
  name: string;
  /** A PostgreSQL type to cast the parameter to, e.g. timestamptz or jsonb. */
  cast?: string;
}

export interface UpsertSpec {
  /** Schema-qualified table, e.g. matters.matters. */
  table: string;
  columns: readonly UpsertColumn[];
  /** The primary key columns (the conflict target). */
  key: readonly string[];
  /** A column holding the legacy updated_at: a stored row newer than the incoming one is left alone. */
  version?: string;
  /** Whether the table has a synced_at column to stamp. */
  syncedAt?: boolean;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (table: string) => table.split('.').map(quote).join('.');

/**
 * One multi-row INSERT … ON CONFLICT DO UPDATE. Rows are arrays in `columns` order; rows with the
 * same key keep the last one (PostgreSQL refuses to touch a row twice in one statement). Re-sending
 * the same version updates in place, so upserts are idempotent; an older version is skipped.
 */
export async function upsertRows(manager: EntityManager, spec: UpsertSpec, rows: ReadonlyArray<readonly unknown[]>): Promise<void> {
  if (rows.length === 0) return;
  // Every synced write (poll, webhook, re-processing) passes here; not every change has an event
  // (a renamed matter, synced_at itself), so every cached answer goes when the transaction commits.
  await announceReadModelChange(manager, [EVERY_COPY]);
  const keyIndexes = spec.key.map((k) => spec.columns.findIndex((c) => c.name === k));
  const unique = new Map<string, readonly unknown[]>();
  for (const row of rows) unique.set(JSON.stringify(keyIndexes.map((i) => row[i])), row);

  const params: unknown[] = [];
  const values = [...unique.values()].map((row) => {
    const cells = spec.columns.map((column, i) => {
      params.push(row[i]);
      return column.cast ? `$${params.length}::${column.cast}` : `$${params.length}`;
    });
    return `(${cells.join(', ')})`;
  });
  const table = qualified(spec.table);
  const updates = spec.columns.filter((c) => !spec.key.includes(c.name)).map((c) => `${quote(c.name)} = EXCLUDED.${quote(c.name)}`);
  if (spec.syncedAt) updates.push(`${quote('synced_at')} = now()`);
  const guard = spec.version ? ` WHERE ${table}.${quote(spec.version)} <= EXCLUDED.${quote(spec.version)}` : '';
  const action = updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}${guard}` : 'DO NOTHING';
  await manager.query(
    `INSERT INTO ${table} (${spec.columns.map((c) => quote(c.name)).join(', ')}) VALUES ${values.join(', ')} ON CONFLICT (${spec.key.map(quote).join(', ')}) ${action}`,
    params,
  );
}

/** Deletes the rows of `table` whose `column` is among `ids` (a deletion the legacy system confirmed), returning how many went. */
export async function deleteRows(manager: EntityManager, table: string, column: string, ids: readonly string[]): Promise<number> {
  await announceReadModelChange(manager, [EVERY_COPY]);
  const result: unknown = await manager.query(`DELETE FROM ${qualified(table)} WHERE ${quote(column)} = ANY($1::text[])`, [ids]);
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}

/** Deletes the rows of `table` whose `column` is not among `keep` (optionally within a filter), returning how many went. */
export async function deleteMissing(manager: EntityManager, table: string, column: string, keep: readonly string[], filter?: string): Promise<number> {
  await announceReadModelChange(manager, [EVERY_COPY]);
  const result: unknown = await manager.query(
    `DELETE FROM ${qualified(table)} WHERE NOT (${quote(column)} = ANY($1::text[]))${filter ? ` AND (${filter})` : ''} `,
    [keep],
  );
  // TypeORM's postgres driver answers a DELETE with [rows, rowCount].
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
