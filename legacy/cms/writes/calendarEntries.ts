import { z } from 'zod';
import { unprocessable } from '../../http/errors.js';
import type { CalendarEntry } from '../../firm/types.js';
import type { Store } from '../../store/store.js';
import type { CmsResources } from '../resources.js';
import { dateTimeSchema, refSchema, resolveRef, stamp } from '../../http/clio/validate.js';
import type { Writable } from './common.js';

const entryFields = {
  summary: z.string().trim().min(1).max(1000),
  description: z.string().max(10_000).nullable(),
  location: z.string().max(1000).nullable(),
  start_at: dateTimeSchema,
  end_at: dateTimeSchema.nullable(),
  all_day: z.boolean(),
  matter: refSchema.nullable(),
  calendar_entry_event_type: refSchema.nullable(),
  calendar_owner: refSchema,
};

const createSchema = z.object(entryFields).partial().required({ summary: true, start_at: true }).strict();
const updateSchema = z.object(entryFields).partial().strict();
type EntryInput = z.infer<typeof updateSchema>;

function changes(store: Store, row: CalendarEntry | null, data: EntryInput): Partial<CalendarEntry> {
  const out: Partial<CalendarEntry> = {};
  for (const key of ['summary', 'description', 'location', 'start_at', 'end_at', 'all_day'] as const) {
    if (data[key] !== undefined) Object.assign(out, { [key]: data[key] });
  }
  const matter = resolveRef(store.matters, data.matter, 'matter');
  if (matter !== undefined) out.matter = matter;
  const type = resolveRef(store.eventTypes, data.calendar_entry_event_type, 'calendar_entry_event_type');
  if (type !== undefined) out.calendar_entry_event_type = type;
  if (data.calendar_owner) out.calendar_owner_id = data.calendar_owner.id;
  const start = out.start_at ?? row?.start_at;
  const end = out.end_at === undefined ? row?.end_at : out.end_at;
  if (start && end && Date.parse(end) < Date.parse(start)) throw unprocessable('Validation failed: end_at is before start_at');
  return out;
}

export function calendarEntryWrites(store: Store, resources: CmsResources): Writable<CalendarEntry, z.infer<typeof createSchema>, EntryInput> {
  return {
    path: 'calendar_entries',
    table: store.calendarEntries,
    resource: resources.calendarEntries,
    createSchema,
    updateSchema,
    create(data, id) {
      const created = stamp('calendar_entries', id);
      return {
        id,
        etag: created.etag,
        created_at: created.updated_at,
        updated_at: created.updated_at,
        summary: data.summary,
        description: null,
        location: null,
        start_at: data.start_at,
        end_at: null,
        all_day: false,
        matter: null,
        calendar_entry_event_type: null,
        calendar_owner_id: null,
        ...changes(store, null, data),
      };
    },
    update: (row, data) => changes(store, row, data),
  };
}
