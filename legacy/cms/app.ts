import { Router } from 'express';
import type { Logger } from '../../shared/logger.js';
import { billResource } from '../billing/render.js';
import type { DriftState } from '../http/clio/drift.js';
import type { FieldSpec } from '../http/clio/fields.js';
import type { VersionState } from '../http/clio/version.js';
import { specOf } from '../http/clio/view.js';
import type { FaultState } from '../http/faults.js';
import type { Store } from '../store/store.js';
import { Table } from '../store/table.js';
import { cmsReadRouter } from './read.js';
import { cmsResources } from './resources.js';
import { clioSimRouter } from './sim.js';
import { WebhookDispatcher, type DeliveryPolicy } from './webhooks/dispatcher.js';
import { modelSource, type Webhook } from './webhooks/model.js';
import { webhookRoutes } from './webhooks/routes.js';
import { calendarEntryWrites } from './writes/calendarEntries.js';
import { writeRoutes } from './writes/common.js';
import { matterWrites } from './writes/matters.js';
import { taskWrites } from './writes/tasks.js';
import { contactWrites } from './writes/contacts.js';
import { growInboxRouter, type InboxLead } from './grow.js';

export interface CmsOptions {
  store: Store;
  versions: VersionState;
  drift: DriftState;
  faults: FaultState;
  policy: DeliveryPolicy;
  logger: Logger;
  /** Clio Grow's inbox token for POST /inbox_leads (the simulators' token). */
  inboxToken: string;
}

export interface Cms {
  /** The Clio Manage v4 subset under `/api/v4`. */
  api: Router;
  /** Clio Grow's `POST /inbox_leads` (outside /api/v4, no bearer token) and the leads it took. */
  inbox: Router;
  inboxLeads: InboxLead[];
  /** Its `/_sim` controls: version, drift, webhook deliveries. */
  sim: Router;
  /** The paths and specs drift can name (also used by the billing simulator's controls). */
  specs(): Record<string, FieldSpec>;
  close(): Promise<void>;
}

/** The CMS: reads of every resource, writes of four, Grow's lead inbox, webhooks over the store's writes. */
export function createCms(options: CmsOptions): Cms {
  const { store, versions, drift } = options;
  const resources = cmsResources(store);
  const bills = billResource(store);
  const webhooks = new Table<Webhook>([], (w) => w.id, (w) => w.id);
  const sources = {
    matter: modelSource(store.matters, resources.matters),
    contact: modelSource(store.contacts, resources.contacts),
    calendar_entry: modelSource(store.calendarEntries, resources.calendarEntries),
    task: modelSource(store.tasks, resources.tasks),
    activity: modelSource(store.activities, resources.activities),
    bill: modelSource(store.bills, bills),
  };
  const dispatcher = new WebhookDispatcher({
    webhooks,
    sources,
    view: () => ({ version: versions.defaultPatch(), drift }),
    dropRate: () => options.faults.get().webhookDropRate,
    policy: options.policy,
    logger: options.logger,
  });

  const api = Router();
  writeRoutes(api, matterWrites(store, resources));
  writeRoutes(api, calendarEntryWrites(store, resources));
  writeRoutes(api, taskWrites(store, resources));
  writeRoutes(api, contactWrites(store, resources));
  api.use(webhookRoutes({ store, webhooks, sources, dispatcher }));
  api.use(cmsReadRouter(resources, store));
  const router = Router();
  router.use('/api/v4', api);

  const specs = () => Object.fromEntries([...Object.values(resources), bills].map((r) => [r.name, specOf(r, versions.defaultPatch())]));
  const inboxLeads: InboxLead[] = [];
  return { api: router, inbox: growInboxRouter(options.inboxToken, inboxLeads), inboxLeads, sim: clioSimRouter({ versions, drift, specs, store, dispatcher }), specs, close: () => dispatcher.close() };
}
