import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { CMS_RESOURCES, type CmsResourceName } from '../legacy/cms-schemas.js';
import { deleteRows, type WebhookModel } from '../../ingest/index.js';
import { removeCalendarEntries } from './cms-sync.js';
import { taskEventId } from './rows.js';
import { deleteSchedule } from './stored.js';
import { writeContacts, writeMatters, writeTasks } from './writes.js';
import { writeCalendarEntries } from './calendar-entries.js';


function model<R extends CmsResourceName>(
  resource: R,
  write: (manager: EntityManager, records: never[]) => Promise<void>,
  remove: WebhookModel['remove'],
): WebhookModel {
  const { path, fields, schema } = CMS_RESOURCES[resource];
  return { resource, path, fields, schema: schema as z.ZodType<unknown>, write: write as WebhookModel['write'], remove };
}

/**
 * The CMS models the matters context takes webhook deliveries for (Clio's model names), written by
 * the very functions the polling sync uses. Custom fields and users change rarely and are not
 * watchable in Clio: polling keeps them.
 */
export const CMS_WEBHOOK_MODELS: Readonly<Record<string, WebhookModel>> = {
  contact: model('contacts', writeContacts, (m, ids) => deleteRows(m, 'matters.clients', 'id', ids)),
  matter: model('matters', writeMatters, (m, ids) => deleteRows(m, 'matters.matters', 'id', ids)),
  calendar_entry: model('calendar_entries', writeCalendarEntries, removeCalendarEntries),
  task: model('tasks', writeTasks, async (m, ids) => (await deleteSchedule(m, 'task', ids.map(taskEventId))).length),
};
