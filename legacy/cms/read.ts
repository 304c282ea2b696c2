import { Router, type Request } from 'express';
import { allOf, idFilter, oneOfFilter, queryFilter, windowFilter, type Predicate } from '../http/clio/filters.js';
import { sendList, sendRecord, type ClioResource } from '../http/clio/list.js';
import { notFound } from '../http/errors.js';
import type { Activity, CalendarEntry, Contact, CustomField, Matter, Task } from '../firm/types.js';
import type { Store } from '../store/store.js';
import type { Table } from '../store/table.js';
import type { CmsResources } from './resources.js';

/** `/<path>.json` (list) and `/<path>/<id>.json` (one record) for one resource. */
function readRoutes<T>(router: Router, path: string, resource: ClioResource<T>, get: (id: number) => T | undefined, filter: (req: Request) => Predicate<T> = () => () => true): void {
  router.get(`/${path}.json`, (req, res) => sendList(req, res, resource, filter(req)));
  router.get(`/${path}/:id.json`, (req, res) => {
    const id = /^\d+$/.test(req.params.id ?? '') ? Number(req.params.id) : Number.NaN;
    const row = Number.isNaN(id) ? undefined : get(id);
    if (row === undefined) throw notFound(`No ${path.replace(/s$/, '').replace(/_/g, ' ')} with id ${req.params.id}`);
    sendRecord(req, res, resource, row);
  });
}

export function cmsReadRouter(resources: CmsResources, store: Store): Router {
  const get = <T>(table: Table<T>) => (id: number) => table.get(id);
  const router = Router();
  readRoutes(router, 'matters', resources.matters, get(store.matters), (req) =>
    allOf<Matter>(
      idFilter(req, 'client_id', (m) => m.client.id),
      idFilter(req, 'practice_area_id', (m) => m.practice_area?.id ?? null),
      idFilter(req, 'responsible_attorney_id', (m) => m.responsible_attorney?.id ?? null),
      oneOfFilter(req, 'status', ['Open', 'Pending', 'Closed'], (m) => m.status),
      queryFilter(req, (m) => [m.display_number, m.description]),
    ),
  );
  readRoutes(router, 'contacts', resources.contacts, get(store.contacts), (req) =>
    allOf<Contact>(
      oneOfFilter(req, 'type', ['Person', 'Company'], (c) => c.type),
      queryFilter(req, (c) => [c.name, c.primary_email_address]),
    ),
  );
  readRoutes(router, 'users', resources.users, get(store.users));
  readRoutes(router, 'groups', resources.groups, get(store.groups));
  readRoutes(router, 'practice_areas', resources.practiceAreas, get(store.practiceAreas));
  readRoutes(router, 'calendar_entry_event_types', resources.eventTypes, get(store.eventTypes));
  readRoutes(router, 'custom_fields', resources.customFields, get(store.customFields), (req) =>
    allOf<CustomField>(oneOfFilter(req, 'parent_type', ['Matter', 'Contact'], (f) => f.parent_type)),
  );
  readRoutes(router, 'calendar_entries', resources.calendarEntries, get(store.calendarEntries), (req) =>
    allOf<CalendarEntry>(
      idFilter(req, 'matter_id', (e) => e.matter?.id ?? null),
      windowFilter(req, 'from', 'to', (e) => e.start_at, (e) => e.end_at),
    ),
  );
  readRoutes(router, 'tasks', resources.tasks, get(store.tasks), (req) =>
    allOf<Task>(
      idFilter(req, 'matter_id', (t) => t.matter?.id ?? null),
      oneOfFilter(req, 'status', ['pending', 'in_progress', 'in_review', 'complete'], (t) => t.status),
    ),
  );
  readRoutes(router, 'activities', resources.activities, get(store.activities), (req) =>
    allOf<Activity>(
      idFilter(req, 'matter_id', (a) => a.matter.id),
      oneOfFilter(req, 'type', ['TimeEntry'], (a) => a.type),
    ),
  );
  return router;
}
