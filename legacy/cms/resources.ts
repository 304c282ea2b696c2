import type { ClioResource } from '../http/clio/list.js';
import { activityRenderer, ACTIVITY_SPEC } from './activities.js';
import type { Store } from '../store/store.js';
import type { Table } from '../store/table.js';
import { renderContact, renderCustomField, renderers, renderEventType, renderGroup, renderPracticeArea, SPECS } from './render.js';
import type { FieldSpec } from '../http/clio/fields.js';
import type { JsonObject } from '../http/clio/json.js';

function resource<T extends { id: number; updated_at: string }>(name: string, table: Table<T>, spec: FieldSpec, render: (row: T, version: number) => JsonObject): ClioResource<T> {
  return { name, spec, rows: () => table.all(), orderOf: (row) => row.id, render, updatedAt: (row) => row.updated_at };
}

/** The CMS's resources as Clio lists them. */
export function cmsResources(store: Store) {
  const render = renderers(store);
  return {
    matters: resource('matters', store.matters, SPECS.matters, render.matter),
    contacts: resource('contacts', store.contacts, SPECS.contacts, renderContact),
    users: resource('users', store.users, SPECS.users, render.user),
    groups: resource('groups', store.groups, SPECS.groups, renderGroup),
    practiceAreas: resource('practice_areas', store.practiceAreas, SPECS.practiceAreas, renderPracticeArea),
    customFields: resource('custom_fields', store.customFields, SPECS.customFields, renderCustomField),
    eventTypes: resource('calendar_entry_event_types', store.eventTypes, SPECS.eventTypes, renderEventType),
    calendarEntries: resource('calendar_entries', store.calendarEntries, SPECS.calendarEntries, render.calendarEntry),
    tasks: resource('tasks', store.tasks, SPECS.tasks, render.task),
    activities: resource('activities', store.activities, ACTIVITY_SPEC, activityRenderer(store)),
  };
}

export type CmsResources = ReturnType<typeof cmsResources>;
