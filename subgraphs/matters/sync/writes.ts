import type { EntityManager } from 'typeorm';
import { upsertRows } from '../../../shared/sync/index.js';
import type { CmsCalendarEntry, CmsContact, CmsCustomField, CmsMatter, CmsTask, CmsUser } from '../legacy/cms-schemas.js';
import { calendarEventId, calendarEventRow, caseStatusValue, clientRow, matterRow, staffRow, taskEventId, taskEventRow } from './rows.js';
import { CLIENTS, MATTER_EVENTS, MATTERS, PICKLIST_OPTIONS, STAFF } from './tables.js';

/** The matters context's upsert path, one function per CMS resource; each runs inside the page's transaction. */

export async function writeCustomFields(manager: EntityManager, fields: readonly CmsCustomField[]): Promise<void> {
  const options = fields.flatMap((f) => f.picklist_options.map((o) => [o.id, f.id, f.name, o.option, Boolean(o.deleted_at)]));
  await upsertRows(manager, PICKLIST_OPTIONS, options);
  // Options that vanished from a field (rather than being marked deleted) go too.
  await manager.query(
    `DELETE FROM matters.picklist_options p USING unnest($1::text[]) AS f(id)
      WHERE p.custom_field_id = f.id AND NOT (p.id = ANY($2::text[]))`,
    [fields.map((f) => f.id), options.map((o) => o[0])],
  );
}

export async function writeUsers(manager: EntityManager, users: readonly CmsUser[]): Promise<void> {
  await upsertRows(manager, STAFF, users.map(staffRow));
}

/**
 * Contacts flagged is_client become clients, and so does any contact a stored matter names as its
 * client; other contacts (opposing parties, witnesses) stay out of the read model.
 */
export async function writeContacts(manager: EntityManager, contacts: readonly CmsContact[]): Promise<void> {
  const others = contacts.filter((c) => !c.is_client).map((c) => c.id);
  const referenced: Array<{ id: string }> = others.length === 0 ? [] : await manager.query(
    `SELECT DISTINCT client_id AS id FROM matters.matters WHERE client_id = ANY($1::text[])`, [others],
  );
  const keep = new Set(referenced.map((r) => r.id));
  await upsertRows(manager, CLIENTS, contacts.filter((c) => c.is_client || keep.has(c.id)).map(clientRow));
  const dropped = others.filter((id) => !keep.has(id));
  if (dropped.length > 0) await manager.query(`DELETE FROM matters.clients WHERE id = ANY($1::text[])`, [dropped]);
}

async function caseStatusLabels(manager: EntityManager, matters: readonly CmsMatter[]): Promise<Map<string, string | null>> {
  const options: Array<{ id: string; label: string; custom_field_id: string; field_name: string }> = await manager.query(
    `SELECT id, label, custom_field_id, field_name FROM matters.picklist_options
      WHERE custom_field_id = ANY($1::text[]) OR id = ANY($2::text[])`,
    [
      matters.flatMap((m) => m.custom_field_values.flatMap((v) => (v.custom_field ? [v.custom_field.id] : []))),
      matters.flatMap((m) => m.custom_field_values.flatMap((v) => [v.value, v.picklist_option?.id].filter((x): x is string => typeof x === 'string'))),
    ],
  );
  const labelOf = new Map(options.map((o) => [o.id, o.label]));
  const fieldNames = new Map(options.map((o) => [o.custom_field_id, o.field_name]));
  return new Map(matters.map((m) => {
    const status = caseStatusValue(m, fieldNames);
    if (status === null) return [m.id, null];
    const label = status.optionId === null ? status.text : (labelOf.get(status.optionId) ?? status.nestedLabel);
    return [m.id, label];
  }));
}

/**
 * Matters, with their clients (whole, from the nested contact) so every matter's client exists,
 * and the "Case Status" option id resolved to its label through the synced picklist options.
 */
export async function writeMatters(manager: EntityManager, matters: readonly CmsMatter[]): Promise<void> {
  await upsertRows(manager, CLIENTS, matters.map((m) => clientRow(m.client)));
  const labels = await caseStatusLabels(manager, matters);
  // Display numbers are unique: a number now worn by another matter id belongs to a row the CMS renumbered or deleted.
  await manager.query(
    `DELETE FROM matters.matters m USING unnest($1::text[], $2::text[]) AS i(id, number)
      WHERE m.number = i.number AND m.id <> i.id`,
    [matters.map((m) => m.id), matters.map((m) => m.display_number)],
  );
  await upsertRows(manager, MATTERS, matters.map((m) => matterRow(m, labels.get(m.id) ?? null)));
}

/** Deletes events that no longer qualify (lost their matter or due date), unless we hold a newer version. */
async function dropEvents(manager: EntityManager, gone: ReadonlyArray<{ id: string; updatedAt: Date }>): Promise<void> {
  if (gone.length === 0) return;
  await manager.query(
    `DELETE FROM matters.matter_events e USING unnest($1::text[], $2::timestamptz[]) AS g(id, updated_at)
      WHERE e.id = g.id AND e.legacy_updated_at <= g.updated_at`,
    [gone.map((g) => g.id), gone.map((g) => g.updatedAt)],
  );
}

export async function writeCalendarEntries(manager: EntityManager, entries: readonly CmsCalendarEntry[]): Promise<void> {
  const kept = entries.filter((e): e is CmsCalendarEntry & { matter: { id: string } } => e.matter !== null);
  await upsertRows(manager, MATTER_EVENTS, kept.map(calendarEventRow));
  await dropEvents(manager, entries.filter((e) => e.matter === null).map((e) => ({ id: calendarEventId(e.id), updatedAt: e.updated_at })));
}

/** Tasks with a due date on a matter are deadlines; the rest are not events. */
export async function writeTasks(manager: EntityManager, tasks: readonly CmsTask[]): Promise<void> {
  const kept = tasks.filter((t): t is CmsTask & { due_at: string; matter: { id: string } } => t.matter !== null && t.due_at !== null);
  await upsertRows(manager, MATTER_EVENTS, kept.map(taskEventRow));
  await dropEvents(manager, tasks.filter((t) => t.matter === null || t.due_at === null).map((t) => ({ id: taskEventId(t.id), updatedAt: t.updated_at })));
}
