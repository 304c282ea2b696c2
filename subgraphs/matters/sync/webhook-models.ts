import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { CMS_RESOURCES, type CmsResourceName } from '../legacy/cms-schemas.js';
import type { WebhookModel } from '../../ingest/index.js';
import { writeContacts, writeMatters, writeTasks } from './writes.js';
import { writeCalendarEntries } from './calendar-entries.js';


function model<R extends CmsResourceName>(resource: R, write: (manager: EntityManager, records: never[]) => Promise<void>): WebhookModel {
  const { fields, schema } = CMS_RESOURCES[resource];
  return { resource, fields, schema: schema as z.ZodType<unknown>, write: write as WebhookModel['write'] };
}

/**
 * The CMS models the matters context takes webhook deliveries for (Clio's model names), written by
 * the very functions the polling sync uses. Custom fields and users change rarely and are not
 * watchable in Clio: polling keeps them.
 */
export const CMS_WEBHOOK_MODELS: Readonly<Record<string, WebhookModel>> = {
  contact: model('contacts', writeContacts),
  matter: model('matters', writeMatters),
  calendar_entry: model('calendar_entries', writeCalendarEntries),
  task: model('tasks', writeTasks),
};
