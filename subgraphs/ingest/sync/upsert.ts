import type { EntityManager } from 'typeorm';
import { announceReadModelChange, clientTag, EVERY_COPY } from '../../../shared/events/index.js';

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
  /**
   * The clients whose answers rows of this table feed: SQL selecting `client_id` for the rows whose
   * first key column is in $1 (text[]). Run before and after the write, so a row moving from one
   * client to another drops both clients' cached answers. Without it (staff, picklists: in every
   * client's answers) a write drops every cached answer.
   */
  clientsOf?: string;
}

/** The first key column of the rows (a VALUES list) that are new or differ from the stored ones. */
async function changedKeysOf(manager: EntityManager, spec: UpsertSpec, table: string, values: readonly string[], params: readonly unknown[]): Promise<string[]> {
  const names = spec.columns.map((c) => quote(c.name));
  const on = spec.key.map((k) => `t.${quote(k)} = v.${quote(k)}`).join(' AND ');
  const first = quote(spec.key[0]!);
  const rows = (await manager.query(
    `SELECT DISTINCT v.${first}::text AS key FROM (VALUES ${values.join(', ')}) AS v(${names.join(', ')})
       LEFT JOIN ${table} t ON ${on}
      WHERE t.${first} IS NULL OR (${names.map((n) => `t.${n}`).join(', ')}) IS DISTINCT FROM (${names.map((n) => `v.${n}`).join(', ')})`,
    [...params],
  )) as Array<{ key: string }>;
  return rows.map((row) => row.key);
}

/** The client tags of rows, per their spec's `clientsOf`. */
async function clientTagsOf(manager: EntityManager, sql: string, keys: readonly string[]): Promise<string[]> {
  const rows = (await manager.query(sql, [keys])) as Array<{ client_id: string | null }>;
  return rows.flatMap((row) => (row.client_id === null ? [] : [clientTag(row.client_id)]));
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
  // Every synced write (poll, webhook, re-processing) passes here, and not every change has an
  // event (a renamed matter), so the rows that are new or differ drop, when the transaction
  // commits, the cached answers of every client they belong to before and after the write — or
  // every cached answer for a table without `clientsOf`. Rows re-sent unchanged (a full sync sends
  // them all) drop nothing.
  const changed = await changedKeysOf(manager, spec, table, values, params);
  const before = changed.length === 0 ? [] : spec.clientsOf ? await clientTagsOf(manager, spec.clientsOf, changed) : [EVERY_COPY];
  const updates = spec.columns.filter((c) => !spec.key.includes(c.name)).map((c) => `${quote(c.name)} = EXCLUDED.${quote(c.name)}`);
  if (spec.syncedAt) updates.push(`${quote('synced_at')} = now()`);
  const guard = spec.version ? ` WHERE ${table}.${quote(spec.version)} <= EXCLUDED.${quote(spec.version)}` : '';
  const action = updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}${guard}` : 'DO NOTHING';
  await manager.query(
    `INSERT INTO ${table} (${spec.columns.map((c) => quote(c.name)).join(', ')}) VALUES ${values.join(', ')} ON CONFLICT (${spec.key.map(quote).join(', ')}) ${action}`,
    params,
  );
  const after = changed.length > 0 && spec.clientsOf ? await clientTagsOf(manager, spec.clientsOf, changed) : [];
  await announceReadModelChange(manager, [...new Set([...before, ...after])]);
}

/** Deletes the rows of `table` whose `column` is among `ids` (a deletion the legacy system confirmed), returning how many went. */
export async function deleteRows(manager: EntityManager, table: string, column: string, ids: readonly string[]): Promise<number> {
  const result: unknown = await manager.query(`DELETE FROM ${qualified(table)} WHERE ${quote(column)} = ANY($1::text[])`, [ids]);
  return announceDeleted(manager, result);
}

/** A DELETE's row count (TypeORM's postgres driver answers [rows, rowCount]); any row gone drops every cached answer at commit. */
async function announceDeleted(manager: EntityManager, result: unknown): Promise<number> {
  const deleted = Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  if (deleted > 0) await announceReadModelChange(manager, [EVERY_COPY]);
  return deleted;
}

/** Deletes the rows of `table` whose `column` is not among `keep` (optionally within a filter), returning how many went. */
export async function deleteMissing(manager: EntityManager, table: string, column: string, keep: readonly string[], filter?: string): Promise<number> {
  const result: unknown = await manager.query(
    `DELETE FROM ${qualified(table)} WHERE NOT (${quote(column)} = ANY($1::text[]))${filter ? ` AND (${filter})` : ''} `,
    [keep],
  );
  return announceDeleted(manager, result);
}
