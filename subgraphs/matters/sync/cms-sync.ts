import type { EntityManager } from 'typeorm';
import { defineSync, deleteMissing, runSync, type ResourceSync, type SyncContext, type SyncOutcome } from '../../../shared/sync/index.js';
import type { CmsClient } from '../legacy/cms-client.js';
import type { CmsRecord, CmsResourceName } from '../legacy/cms-schemas.js';
import { calendarEventId, taskEventId } from './rows.js';
import { writeCalendarEntries, writeContacts, writeCustomFields, writeMatters, writeTasks, writeUsers } from './writes.js';

type Remove = (manager: EntityManager, ids: readonly string[]) => Promise<number>;

function resource<R extends CmsResourceName>(
  cms: CmsClient, name: R, upsert: (manager: EntityManager, records: readonly CmsRecord<R>[]) => Promise<void>, removeMissing: Remove,
): ResourceSync {
  return defineSync<CmsRecord<R>>({
    system: 'cms',
    resource: name,
    fetch: (updatedSince) => cms.list(name, { updatedSince }),
    updatedAt: (record) => record.updated_at,
    upsert,
    listIds: () => cms.listIds(name),
    removeMissing,
  });
}

/** The CMS resources in the order they must run: labels, staff and clients before the matters that use them. */
export function cmsSyncs(cms: CmsClient): ResourceSync[] {
  return [
    resource(cms, 'custom_fields', writeCustomFields, (m, ids) => deleteMissing(m, 'matters.picklist_options', 'custom_field_id', ids)),
    resource(cms, 'users', writeUsers, (m, ids) => deleteMissing(m, 'matters.staff', 'id', ids)),
    resource(cms, 'contacts', writeContacts, (m, ids) => deleteMissing(m, 'matters.clients', 'id', ids)),
    resource(cms, 'matters', writeMatters, (m, ids) => deleteMissing(m, 'matters.matters', 'id', ids)),
    resource(cms, 'calendar_entries', writeCalendarEntries, (m, ids) => deleteMissing(m, 'matters.matter_events', 'id', ids.map(calendarEventId), `id LIKE 'calendar:%'`)),
    resource(cms, 'tasks', writeTasks, (m, ids) => deleteMissing(m, 'matters.matter_events', 'id', ids.map(taskEventId), `id LIKE 'task:%'`)),
  ];
}

/** One sync of everything the matters context keeps from the CMS. */
export function syncCms(ctx: SyncContext, cms: CmsClient): Promise<SyncOutcome[]> {
  return runSync(ctx, cmsSyncs(cms));
}
