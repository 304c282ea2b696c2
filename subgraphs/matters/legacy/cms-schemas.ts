import { z } from 'zod';
import { instant, isoDate, legacyId, optionalRef } from '../../../shared/legacy-http/index.js';

/**
 * The CMS (Clio Manage v4) records we read, validated at the boundary. Each resource names the
 * `fields` selection it asks for and the schema one record must pass; a record that fails is
 * skipped and reported, never stored.
 */

/**
 * Longest text accepted: what the CMS itself takes for a one-line field (a calendar title or
 * location, a task name: 1,000) and for a long one (descriptions: 10,000 at most). A longer value
 * is a shape error, so the record is quarantined before anything (such as the rules' title
 * parsing) reads it.
 */
export const MAX_LINE_CHARS = 1_000;
export const MAX_LONG_TEXT_CHARS = 10_000;
const line = z.string().max(MAX_LINE_CHARS);
const named = z.object({ id: legacyId, name: line.nullish() }).nullish().transform((ref) => ref ?? null);
const text = line.nullish().transform((value) => value ?? null);
const longText = z.string().max(MAX_LONG_TEXT_CHARS).nullish().transform((value) => value ?? null);

export const customFieldSchema = z.object({
  id: legacyId,
  name: line.min(1),
  field_type: line,
  parent_type: z.string().nullish(),
  picklist_options: z
    .array(z.object({ id: legacyId, option: line, deleted_at: z.string().nullish() }))
    .nullish()
    .transform((options) => options ?? []),
  updated_at: instant,
});

export const userSchema = z.object({
  id: legacyId,
  name: line.min(1),
  email: text,
  enabled: z.boolean().nullish().transform((value) => value ?? true),
  subscription_type: text,
  updated_at: instant,
});

export const contactSchema = z.object({
  id: legacyId,
  name: line.min(1),
  type: line.min(1),
  primary_email_address: text,
  is_client: z.boolean().nullish().transform((value) => value ?? false),
  updated_at: instant,
});

const customFieldValueSchema = z.object({
  id: z.string(),
  value: z.union([z.string().max(MAX_LONG_TEXT_CHARS), z.number(), z.boolean()]).nullish().transform((value) => (value === null || value === undefined ? null : String(value))),
  field_name: text,
  field_type: text,
  custom_field: optionalRef,
  picklist_option: z.object({ id: legacyId, option: line.nullish() }).nullish().transform((o) => o ?? null),
});

export const matterSchema = z.object({
  id: legacyId,
  display_number: line.trim().min(1),
  description: longText,
  status: line.min(1),
  practice_area: named,
  // The client comes whole, so a matter's client exists in the read model even if nobody flagged them is_client.
  client: contactSchema,
  responsible_attorney: named,
  open_date: isoDate.nullish().transform((value) => value ?? null),
  close_date: isoDate.nullish().transform((value) => value ?? null),
  custom_field_values: z.array(customFieldValueSchema).nullish().transform((values) => values ?? []),
  updated_at: instant,
});

export const calendarEntrySchema = z.object({
  id: legacyId,
  summary: line.nullish().transform((value) => value ?? ''),
  start_at: instant,
  end_at: instant.nullish().transform((value) => value ?? null),
  location: text,
  matter: optionalRef,
  calendar_entry_event_type: named,
  updated_at: instant,
});

export const taskSchema = z.object({
  id: legacyId,
  name: line.min(1),
  status: text,
  due_at: isoDate.nullish().transform((value) => value ?? null),
  matter: optionalRef,
  updated_at: instant,
});

const CONTACT_FIELDS = 'id,name,type,primary_email_address,is_client,updated_at';

export const CMS_RESOURCES = {
  custom_fields: { path: 'api/v4/custom_fields.json', fields: 'id,name,field_type,parent_type,picklist_options{id,option,deleted_at},updated_at', schema: customFieldSchema },
  users: { path: 'api/v4/users.json', fields: 'id,name,email,enabled,subscription_type,updated_at', schema: userSchema },
  contacts: { path: 'api/v4/contacts.json', fields: CONTACT_FIELDS, schema: contactSchema },
  matters: {
    path: 'api/v4/matters.json',
    fields: `id,display_number,description,status,practice_area{id,name},client{${CONTACT_FIELDS}},responsible_attorney{id,name},open_date,close_date,custom_field_values{id,value,field_name,field_type,custom_field,picklist_option},updated_at`,
    schema: matterSchema,
  },
  calendar_entries: { path: 'api/v4/calendar_entries.json', fields: 'id,summary,start_at,end_at,location,matter{id},calendar_entry_event_type{id,name},updated_at', schema: calendarEntrySchema },
  tasks: { path: 'api/v4/tasks.json', fields: 'id,name,status,due_at,matter{id},updated_at', schema: taskSchema },
} as const;

export type CmsResourceName = keyof typeof CMS_RESOURCES;
export type CmsRecord<R extends CmsResourceName> = z.output<(typeof CMS_RESOURCES)[R]['schema']>;
export type CmsCustomField = CmsRecord<'custom_fields'>;
export type CmsUser = CmsRecord<'users'>;
export type CmsContact = CmsRecord<'contacts'>;
export type CmsMatter = CmsRecord<'matters'>;
export type CmsCalendarEntry = CmsRecord<'calendar_entries'>;
export type CmsTask = CmsRecord<'tasks'>;
