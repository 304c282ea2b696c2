import { Router } from 'express';
import type { Store } from '../store/store.js';
import { cmsReadRouter } from './read.js';
import { cmsResources } from './resources.js';
import { calendarEntryWrites } from './writes/calendarEntries.js';
import { writeRoutes } from './writes/common.js';
import { matterWrites } from './writes/matters.js';
import { taskWrites } from './writes/tasks.js';

/** The Clio Manage v4 subset under `/api/v4`: reads of every resource, writes of three. */
export function cmsRouter(store: Store): Router {
  const resources = cmsResources(store);
  const api = Router();
  writeRoutes(api, matterWrites(store, resources));
  writeRoutes(api, calendarEntryWrites(store, resources));
  writeRoutes(api, taskWrites(store, resources));
  api.use(cmsReadRouter(resources, store));
  const router = Router();
  router.use('/api/v4', api);
  return router;
}
