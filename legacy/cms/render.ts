import type { FieldSpec } from '../http/clio/fields.js';
import type { JsonObject } from '../http/clio/json.js';
import type { CalendarEntry, CalendarEntryEventType, Contact, CustomField, Group, Matter, PracticeArea, Task, User } from '../firm/types.js';
import type { Store } from '../store/store.js';

/** Field lists of the nested ("_base") shapes, as the Clio reference names them. */
export const USER_FIELDS = ['id', 'etag', 'name', 'first_name', 'last_name', 'initials', 'email', 'enabled', 'subscription_type', 'roles', 'time_zone', 'created_at', 'updated_at'] as const;
export const CONTACT_FIELDS = ['id', 'etag', 'name', 'first_name', 'last_name', 'type', 'primary_email_address', 'primary_phone_number', 'is_client', 'created_at', 'updated_at'] as const;
export const PRACTICE_AREA_FIELDS = ['id', 'etag', 'name', 'code', 'created_at', 'updated_at'] as const;
export const MATTER_BASE_FIELDS = ['id', 'etag', 'number', 'display_number', 'description', 'status', 'billable', 'open_date', 'pending_date', 'close_date', 'created_at', 'updated_at'] as const;
export const GROUP_FIELDS = ['id', 'etag', 'name', 'type', 'client_connect_user', 'updated_at'] as const;
export const EVENT_TYPE_FIELDS = ['id', 'etag', 'name', 'color', 'created_at', 'updated_at'] as const;
const PICKLIST_OPTION_FIELDS = ['id', 'etag', 'option', 'deleted_at', 'created_at', 'updated_at'] as const;
const CUSTOM_FIELD_VALUE_FIELDS = ['id', 'etag', 'field_name', 'field_type', 'value', 'created_at', 'updated_at', 'custom_field', 'picklist_option'] as const;
const PARTICIPANT_FIELDS = ['id', 'etag', 'type', 'name', 'identifier', 'enabled', 'initials'] as const;
const CUSTOM_FIELD_SCALARS = ['id', 'etag', 'name', 'field_type', 'parent_type', 'displayed', 'required', 'deleted', 'display_order', 'created_at', 'updated_at'] as const;

export const SPECS = {
  users: { scalars: USER_FIELDS, nested: { groups: GROUP_FIELDS } },
  groups: { scalars: GROUP_FIELDS, nested: {} },
  contacts: { scalars: CONTACT_FIELDS, nested: {} },
  practiceAreas: { scalars: PRACTICE_AREA_FIELDS, nested: {} },
  eventTypes: { scalars: EVENT_TYPE_FIELDS, nested: {} },
  customFields: { scalars: CUSTOM_FIELD_SCALARS, nested: { picklist_options: PICKLIST_OPTION_FIELDS } },
  matters: {
    scalars: [...MATTER_BASE_FIELDS, 'client_id'],
    nested: { client: CONTACT_FIELDS, practice_area: PRACTICE_AREA_FIELDS, responsible_attorney: USER_FIELDS, custom_field_values: CUSTOM_FIELD_VALUE_FIELDS },
  },
  calendarEntries: {
    scalars: ['id', 'etag', 'summary', 'description', 'location', 'start_at', 'end_at', 'all_day', 'calendar_owner_id', 'created_at', 'updated_at'],
    nested: { matter: MATTER_BASE_FIELDS, calendar_entry_event_type: EVENT_TYPE_FIELDS },
  },
  tasks: {
    scalars: ['id', 'etag', 'name', 'description', 'status', 'priority', 'due_at', 'completed_at', 'created_at', 'updated_at'],
    nested: { matter: MATTER_BASE_FIELDS, assignee: PARTICIPANT_FIELDS },
  },
} satisfies Record<string, FieldSpec>;

function pickFields<T extends object>(row: T, fields: readonly string[]): JsonObject {
  const out: JsonObject = {};
  const record = row as Record<string, unknown>;
  for (const field of fields) {
    const value = record[field];
    out[field] = value === undefined ? null : (value as JsonObject[string]);
  }
  return out;
}

export const renderUser = (u: User): JsonObject => pickFields(u, USER_FIELDS);
export const renderGroup = (g: Group): JsonObject => pickFields(g, GROUP_FIELDS);
export const renderContact = (c: Contact): JsonObject => pickFields(c, CONTACT_FIELDS);
export const renderPracticeArea = (p: PracticeArea): JsonObject => pickFields(p, PRACTICE_AREA_FIELDS);
export const renderEventType = (t: CalendarEntryEventType): JsonObject => pickFields(t, EVENT_TYPE_FIELDS);
export const renderMatterBase = (m: Matter): JsonObject => pickFields(m, MATTER_BASE_FIELDS);

export function renderCustomField(field: CustomField): JsonObject {
  return {
    ...pickFields(field, CUSTOM_FIELD_SCALARS),
    deleted: false,
    picklist_options: field.picklist_options.map((o) => pickFields(o, PICKLIST_OPTION_FIELDS)),
  };
}

/** Renders whole records with their nested objects resolved from the store. */
export function renderers(store: Store) {
  const ref = <T>(value: T | undefined, render: (v: T) => JsonObject): JsonObject | null => (value === undefined ? null : render(value));
  const optional = <T>(link: { id: number } | null, get: (id: number) => T | undefined, render: (v: T) => JsonObject) => (link === null ? null : ref(get(link.id), render));

  const matter = (m: Matter): JsonObject => ({
    ...renderMatterBase(m),
    client_id: m.client.id,
    client: optional(m.client, (id) => store.contacts.get(id), renderContact),
    practice_area: optional(m.practice_area, (id) => store.practiceAreas.get(id), renderPracticeArea),
    responsible_attorney: optional(m.responsible_attorney, (id) => store.users.get(id), renderUser),
    custom_field_values: m.custom_field_values.map((v) => {
      const field = store.customFields.get(v.custom_field.id);
      const option = field?.field_type === 'picklist' ? field.picklist_options.find((o) => o.id === v.value) : undefined;
      return {
        id: v.id,
        etag: v.etag,
        field_name: field?.name ?? null,
        field_type: field?.field_type ?? null,
        value: v.value,
        created_at: v.created_at,
        updated_at: v.updated_at,
        custom_field: field ? { id: field.id, etag: field.etag } : null,
        picklist_option: option ? { id: option.id, option: option.option } : null,
      };
    }),
  });

  const calendarEntry = (e: CalendarEntry): JsonObject => ({
    ...pickFields(e, SPECS.calendarEntries.scalars),
    id: String(e.id),
    matter: optional(e.matter, (id) => store.matters.get(id), renderMatterBase),
    calendar_entry_event_type: optional(e.calendar_entry_event_type, (id) => store.eventTypes.get(id), renderEventType),
  });

  const task = (t: Task): JsonObject => ({
    ...pickFields(t, SPECS.tasks.scalars),
    matter: optional(t.matter, (id) => store.matters.get(id), renderMatterBase),
    assignee: optional(t.assignee, (id) => store.users.get(id), (u) => ({ id: u.id, etag: u.etag, type: 'User', name: u.name, identifier: u.email, enabled: u.enabled, initials: u.initials })),
  });

  /** A user with the groups (teams) they belong to, as Clio nests them. */
  const user = (u: User): JsonObject => ({
    ...renderUser(u),
    groups: store.groups.all().filter((g) => g.users.some((member) => member.id === u.id)).map(renderGroup),
  });

  return { matter, calendarEntry, task, user };
}
