import type { ClioResource } from '../http/clio/list.js';
import type { Store } from '../store/store.js';
import type { Table } from '../store/table.js';
import { renderContact, renderCustomField, renderers, renderEventType, renderPracticeArea, renderUser, SPECS } from './render.js';
import type { FieldSpec } from '../http/clio/fields.js';
import type { JsonObject } from '../http/clio/json.js';

function resource<T extends { id: number; updated_at: string }>(table: Table<T>, spec: FieldSpec, render: (row: T) => JsonObject): ClioResource<T> {
  return { spec, rows: () => table.all(), orderOf: (row) => row.id, render, updatedAt: (row) => row.updated_at };
}

/** The CMS's resources as Clio lists them. */
export function cmsResources(store: Store) {
  const render = renderers(store);
  return {
    matters: resource(store.matters, SPECS.matters, render.matter),
    contacts: resource(store.contacts, SPECS.contacts, renderContact),
    users: resource(store.users, SPECS.users, renderUser),
    practiceAreas: resource(store.practiceAreas, SPECS.practiceAreas, renderPracticeArea),
    customFields: resource(store.customFields, SPECS.customFields, renderCustomField),
    eventTypes: resource(store.eventTypes, SPECS.eventTypes, renderEventType),
    calendarEntries: resource(store.calendarEntries, SPECS.calendarEntries, render.calendarEntry),
    tasks: resource(store.tasks, SPECS.tasks, render.task),
  };
}

export type CmsResources = ReturnType<typeof cmsResources>;
