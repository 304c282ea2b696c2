import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { deleteRows } from '../../../shared/sync/index.js';
import { CMS_RESOURCES, type CmsResourceName } from '../legacy/cms-schemas.js';
import { removeCalendarEntries } from './cms-sync.js';
import { taskEventId } from './rows.js';
import { deleteSchedule } from './stored.js';
import { writeCalendarEntries, writeContacts, writeMatters, writeTasks } from './writes.js';

/**
 * How a webhook delivery of one CMS model reaches the read model. A delivery is only a notice that
 * the record changed: the record itself is read from the CMS (`path`/`fields`, validated by
 * `schema`) and written by the polling resource's own write function, or removed when the CMS
 * answers that it no longer exists.
 */
export interface WebhookModel {
  /** The polling resource the model feeds (quarantine items are shared with polling under this name). */
  resource: CmsResourceName;
  /** The resource's listing path; one record is at the same path with `/<id>.json`. */
  path: string;
  /** The `fields` a subscription and a read ask for: exactly what the schema needs. */
  fields: string;
  schema: z.ZodType<unknown>;
  write(manager: EntityManager, records: readonly unknown[]): Promise<void>;
  /** Removes records the CMS confirmed deleted; returns how many went. */
  remove(manager: EntityManager, ids: readonly string[]): Promise<number>;
}

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
