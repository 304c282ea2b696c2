import type { EntityManager } from 'typeorm';
import type { MatterEventKind } from '../entities/index.js';
import type { StoredMatter } from './matter-events.js';
import type { StoredScheduleEntry } from './schedule-events.js';

/**
 * The stored rows a page is about to change, locked FOR UPDATE (in id order, so concurrent
 * writers cannot deadlock): the "before" of the page's event diff. One query per page.
 */

export async function storedMatters(manager: EntityManager, ids: readonly string[]): Promise<Map<string, StoredMatter>> {
  const rows: Array<{ id: string; legacy_status: string; legacy_updated_at: Date }> = await manager.query(
    `SELECT id, legacy_status, legacy_updated_at FROM matters.matters WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, legacyStatus: r.legacy_status, legacyUpdatedAt: r.legacy_updated_at }]));
}

interface ScheduleRow {
  id: string;
  matter_id: string;
  client_id: string | null;
  kind: MatterEventKind;
  title: string;
  starts_at: Date;
  ends_at: Date | null;
  location: string | null;
  legacy_updated_at: Date;
}

export const SCHEDULE_COLUMNS = `e.id, e.matter_id, m.client_id, e.kind, e.title, e.starts_at, e.ends_at, e.location, e.legacy_updated_at`;

export const scheduleEntry = (r: ScheduleRow): StoredScheduleEntry => ({
  id: r.id, matterId: r.matter_id, clientId: r.client_id, kind: r.kind, title: r.title, startsAt: r.starts_at, endsAt: r.ends_at, location: r.location, legacyUpdatedAt: r.legacy_updated_at,
});

export async function storedScheduleEntries(manager: EntityManager, ids: readonly string[]): Promise<Map<string, StoredScheduleEntry>> {
  const rows: ScheduleRow[] = await manager.query(
    `SELECT ${SCHEDULE_COLUMNS} FROM matters.matter_events e LEFT JOIN matters.matters m ON m.id = e.matter_id
      WHERE e.id = ANY($1::text[]) ORDER BY e.id FOR UPDATE OF e`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, scheduleEntry(r)]));
}

/** The client of each of these matters, as stored. */
export async function clientsOfMatters(manager: EntityManager, matterIds: readonly string[]): Promise<Map<string, string>> {
  const rows: Array<{ id: string; client_id: string }> = await manager.query(
    `SELECT id, client_id FROM matters.matters WHERE id = ANY($1::text[])`,
    [[...new Set(matterIds)]],
  );
  return new Map(rows.map((r) => [r.id, r.client_id]));
}

/** Deletes the schedule rows of one source (calendar or task) whose ids are not kept, returning them. */
export function deleteMissingSchedule(manager: EntityManager, prefix: 'calendar' | 'task', keep: readonly string[]): Promise<StoredScheduleEntry[]> {
  return deleteScheduleWhere(manager, prefix, keep, 'NOT (id = ANY($2::text[]))');
}

/** Deletes these schedule rows of one source (calendar or task), returning them. */
export function deleteSchedule(manager: EntityManager, prefix: 'calendar' | 'task', ids: readonly string[]): Promise<StoredScheduleEntry[]> {
  return deleteScheduleWhere(manager, prefix, ids, 'id = ANY($2::text[])');
}

async function deleteScheduleWhere(manager: EntityManager, prefix: 'calendar' | 'task', ids: readonly string[], which: string): Promise<StoredScheduleEntry[]> {
  const rows: ScheduleRow[] = await manager.query(
    `WITH gone AS (
       DELETE FROM matters.matter_events WHERE id LIKE $1 AND ${which}
       RETURNING id, matter_id, kind, title, starts_at, ends_at, location, legacy_updated_at)
     SELECT ${SCHEDULE_COLUMNS} FROM gone e LEFT JOIN matters.matters m ON m.id = e.matter_id`,
    [`${prefix}:%`, ids],
  );
  return rows.map(scheduleEntry);
}
