import type { MatterEventKind } from '../entities/index.js';
import type { CmsCalendarEntry, CmsContact, CmsMatter, CmsTask, CmsUser } from '../legacy/cms-schemas.js';

/**
 * CMS records → read-model rows, as arrays in the column order of the upserts (pure functions:
 * the normalisation rules in one place).
 */

export const CASE_STATUS_FIELD = 'case status';

export const staffRow = (u: CmsUser) => [u.id, u.name, u.email, u.subscription_type, u.enabled, u.updated_at];

export const clientRow = (c: CmsContact) => [c.id, c.name, c.primary_email_address, c.type, c.updated_at];

/** A matter's title: its description, or its display number when it has none. */
export const matterTitle = (m: CmsMatter) => (m.description?.trim() ? m.description.trim() : m.display_number);

/** The value of the matter's "Case Status" custom field: a picklist option id, or free text. */
export function caseStatusValue(m: CmsMatter, fieldNames: ReadonlyMap<string, string>): { optionId: string | null; text: string | null; nestedLabel: string | null } | null {
  for (const v of m.custom_field_values) {
    const fieldName = v.field_name ?? (v.custom_field ? fieldNames.get(v.custom_field.id) : undefined) ?? '';
    if (fieldName.trim().toLowerCase() !== CASE_STATUS_FIELD) continue;
    const isPicklist = v.field_type === null || v.field_type === 'picklist';
    return {
      optionId: isPicklist ? (v.picklist_option?.id ?? v.value) : null,
      text: isPicklist ? null : v.value,
      nestedLabel: v.picklist_option?.option ?? null,
    };
  }
  return null;
}

/** `caseStatus`: the canonical status the mapping gives the label, null while nobody has mapped it. */
export const matterRow = (m: CmsMatter, caseStatusLabel: string | null, caseStatus: string | null) => [
  m.id, m.display_number, matterTitle(m), m.practice_area?.name ?? null, m.status, caseStatusLabel, caseStatus,
  m.client.id, m.responsible_attorney?.id ?? null, m.open_date, m.close_date, m.updated_at,
];

export const calendarEventId = (id: string) => `calendar:${id}`;
export const taskEventId = (id: string) => `task:${id}`;

/** `kind`: what the `calendar_event_type` mapping makes of the entry's type (OTHER without one). */
export const calendarEventRow = (e: CmsCalendarEntry & { matter: { id: string } }, kind: MatterEventKind) => [
  calendarEventId(e.id), e.matter.id, kind, e.summary,
  e.start_at, e.end_at, e.location, e.calendar_entry_event_type?.name ?? null, e.updated_at,
];

/**
 * A task's due date is a calendar date with no time or zone. We place the deadline at 12:00 UTC
 * of that date: the same calendar day in every zone from UTC−11 to UTC+11, so a client in any
 * US or European zone sees the date the firm typed (midnight UTC would show US clients the day before).
 */
export const taskDeadlineInstant = (dueOn: string) => new Date(`${dueOn}T12:00:00Z`);

export const taskEventRow = (t: CmsTask & { due_at: string; matter: { id: string } }) => [
  taskEventId(t.id), t.matter.id, 'DEADLINE', t.name, taskDeadlineInstant(t.due_at), null, null, 'Task', t.updated_at,
];
