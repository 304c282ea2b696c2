import type { EntityManager } from 'typeorm';
import { announceReadModelChange, EVERY_COPY, recordEvents } from '../../../shared/events/index.js';
import { upsertRows } from '../../ingest/index.js';
import { loadMapping } from '../../ingest/index.js';
import { quarantineUnmapped, resolveSuperseded } from '../../ingest/index.js';
import type { CmsContact, CmsCustomField, CmsMatter, CmsTask, CmsUser } from '../legacy/cms-schemas.js';
import { caseStatusValue, clientRow, matterRow, staffRow, taskEventId, taskEventRow } from './rows.js';
import { CLIENTS, MATTER_EVENTS, MATTERS, PICKLIST_OPTIONS, STAFF } from './tables.js';
import { matterEvents } from './matter-events.js';
import { taskEvents } from './schedule-events.js';
import { clientsOfMatters, storedMatters, storedScheduleEntries } from './stored.js';

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

/** Keeps the last record of each id in a page, as the upsert does. */
export const lastById = <T extends { id: string }>(records: readonly T[]): T[] => [...new Map(records.map((r) => [r.id, r])).values()];

/**
 * Matters, with their clients (whole, from the nested contact) so every matter's client exists,
 * the "Case Status" option id resolved to its label through the synced picklist options, and the
 * label through the current `case_status` mapping: a label nobody mapped stores the matter with
 * case_status NULL and reports it in the quarantine. matter.opened/closed from the diff.
 */
export async function writeMatters(manager: EntityManager, page: readonly CmsMatter[]): Promise<void> {
  const matters = lastById(page);
  await upsertRows(manager, CLIENTS, matters.map((m) => clientRow(m.client)));
  const labels = await caseStatusLabels(manager, matters);
  const mapping = await loadMapping(manager, 'case_status');
  const stored = await storedMatters(manager, matters.map((m) => m.id));
  // Display numbers are unique: a number now worn by another matter id belongs to a row the CMS renumbered or deleted.
  await manager.query(
    `DELETE FROM matters.matters m USING unnest($1::text[], $2::text[]) AS i(id, number)
      WHERE m.number = i.number AND m.id <> i.id`,
    [matters.map((m) => m.id), matters.map((m) => m.display_number)],
  );
  const newer = matters.filter((m) => {
    const current = stored.get(m.id);
    return !current || current.legacyUpdatedAt.getTime() <= m.updated_at.getTime();
  });
  const unmapped: CmsMatter[] = [];
  const rows = newer.map((m) => {
    const label = labels.get(m.id) ?? null;
    const caseStatus = label === null ? null : (mapping.canonicalOf(label) ?? null);
    if (label !== null && caseStatus === null) unmapped.push(m);
    return matterRow(m, label, caseStatus);
  });
  await upsertRows(manager, MATTERS, rows);
  await recordEvents(manager, newer.flatMap((m) => matterEvents(stored.get(m.id), m)));
  const unmappedIds = new Set(unmapped.map((m) => m.id));
  await resolveSuperseded(manager, 'UNMAPPED_VALUE', 'cms', 'matters', newer.filter((m) => !unmappedIds.has(m.id)).map((m) => m.id));
  await quarantineUnmapped(manager, unmapped.map((m) => ({
    system: 'cms',
    resource: 'matters',
    legacyId: m.id,
    mappingKind: 'case_status',
    rawValue: labels.get(m.id) ?? '',
    detail: `Case Status "${labels.get(m.id)}" of matter ${m.display_number} has no case_status mapping; the matter is stored without a canonical case status.`,
    payload: m,
  })));
}

/** Deletes events that no longer qualify (lost their matter or due date), unless we hold a newer version. */
export async function dropEvents(manager: EntityManager, gone: ReadonlyArray<{ id: string; updatedAt: Date }>): Promise<void> {
  if (gone.length === 0) return;
  await announceReadModelChange(manager, [EVERY_COPY]);
  await manager.query(
    `DELETE FROM matters.matter_events e USING unnest($1::text[], $2::timestamptz[]) AS g(id, updated_at)
      WHERE e.id = g.id AND e.legacy_updated_at <= g.updated_at`,
    [gone.map((g) => g.id), gone.map((g) => g.updatedAt)],
  );
}

/** Tasks with a due date on a matter are deadlines (deadline.set when new or moved); the rest are not events. */
export async function writeTasks(manager: EntityManager, page: readonly CmsTask[]): Promise<void> {
  const tasks = lastById(page);
  const stored = await storedScheduleEntries(manager, tasks.map((t) => taskEventId(t.id)));
  const clients = await clientsOfMatters(manager, tasks.flatMap((t) => (t.matter ? [t.matter.id] : [])));
  const kept = tasks.filter((t): t is CmsTask & { due_at: string; matter: { id: string } } => t.matter !== null && t.due_at !== null);
  await upsertRows(manager, MATTER_EVENTS, kept.map(taskEventRow));
  await dropEvents(manager, tasks.filter((t) => t.matter === null || t.due_at === null).map((t) => ({ id: taskEventId(t.id), updatedAt: t.updated_at })));
  await recordEvents(manager, tasks.flatMap((t) => taskEvents(stored.get(taskEventId(t.id)), t, clients)));
}

