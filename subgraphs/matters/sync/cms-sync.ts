import type { EntityManager } from 'typeorm';
import { recordEvents } from '../../../shared/events/index.js';
import { defineSync, deleteMissing, type ResourceSync } from '../../ingest/index.js';
import type { CmsClient } from '../legacy/cms-client.js';
import { calendarEntrySchema, matterSchema, type CmsCalendarEntry, type CmsMatter, type CmsRecord, type CmsResourceName } from '../legacy/cms-schemas.js';
import type { Reprocessor } from '../../ingest/index.js';
import { calendarEventId, taskEventId } from './rows.js';
import { cancelledEvent, type StoredScheduleEntry } from './schedule-events.js';
import { deleteMissingSchedule, deleteSchedule } from './stored.js';
import { writeContacts, writeCustomFields, writeMatters, writeTasks, writeUsers } from './writes.js';
import { writeCalendarEntries } from './calendar-entries.js';

type Remove = (manager: EntityManager, ids: readonly string[]) => Promise<number>;

function resource<R extends CmsResourceName>(
  cms: CmsClient, name: R, upsert: (manager: EntityManager, records: readonly CmsRecord<R>[]) => Promise<void>, removeMissing: Remove,
  sweepEachRun = false,
): ResourceSync {
  return defineSync<CmsRecord<R>>({
    system: 'cms',
    resource: name,
    fetch: (updatedSince) => cms.list(name, { updatedSince }),
    updatedAt: (record) => record.updated_at,
    upsert,
    listIds: () => cms.listIds(name),
    removeMissing,
    sweepEachRun,
  });
}

/** Calendar entries deleted in the CMS go, each with its hearing.cancelled (as of the sweep: the CMS keeps no deletion time). */
async function removeMissingCalendarEntries(manager: EntityManager, ids: readonly string[]): Promise<number> {
  return cancelGone(manager, await deleteMissingSchedule(manager, 'calendar', ids.map(calendarEventId)));
}

/** Calendar entries the CMS confirmed deleted (a webhook's notice, then a 404 on reading it). */
export async function removeCalendarEntries(manager: EntityManager, ids: readonly string[]): Promise<number> {
  return cancelGone(manager, await deleteSchedule(manager, 'calendar', ids.map(calendarEventId)));
}

async function cancelGone(manager: EntityManager, gone: readonly StoredScheduleEntry[]): Promise<number> {
  const now = new Date();
  await recordEvents(manager, gone.map((entry) => cancelledEvent(entry, now, 'deleted')));
  return gone.length;
}

/** The CMS resources in the order they must run: labels, staff and clients before the matters that use them. */
export function cmsSyncs(cms: CmsClient): ResourceSync[] {
  return [
    resource(cms, 'custom_fields', writeCustomFields, (m, ids) => deleteMissing(m, 'matters.picklist_options', 'custom_field_id', ids)),
    resource(cms, 'users', writeUsers, (m, ids) => deleteMissing(m, 'matters.staff', 'id', ids)),
    resource(cms, 'contacts', writeContacts, (m, ids) => deleteMissing(m, 'matters.clients', 'id', ids)),
    resource(cms, 'matters', writeMatters, (m, ids) => deleteMissing(m, 'matters.matters', 'id', ids)),
    // Hearings and deadlines are what clients act on: a deletion must not wait for the reconcile period.
    resource(cms, 'calendar_entries', writeCalendarEntries, removeMissingCalendarEntries, true),
    resource(cms, 'tasks', writeTasks, async (m, ids) => (await deleteMissingSchedule(m, 'task', ids.map(taskEventId))).length, true),
  ];
}

/**
 * Matters stored without a canonical case status go through writeMatters again once their label is
 * mapped; calendar entries held back for their event type, through writeCalendarEntries.
 */
export const matterReprocessors: Reprocessor[] = [
  { system: 'cms', resource: 'matters', schema: matterSchema, write: (manager, records) => writeMatters(manager, records as CmsMatter[]) },
  { system: 'cms', resource: 'calendar_entries', schema: calendarEntrySchema, write: (manager, records) => writeCalendarEntries(manager, records as CmsCalendarEntry[]) },
];
