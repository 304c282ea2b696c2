import type { EntityManager } from 'typeorm';
import { recordEvents } from '../../../shared/events/index.js';
import { loadMapping, quarantineUnmapped, resolveSuperseded, upsertRows } from '../../ingest/index.js';
import type { MatterEventKind } from '../entities/index.js';
import type { CmsCalendarEntry } from '../legacy/cms-schemas.js';
import { calendarEventId, calendarEventRow } from './rows.js';
import { MATTER_EVENTS } from './tables.js';
import { calendarEvents } from './schedule-events.js';
import { clientsOfMatters, storedScheduleEntries } from './stored.js';
import { isMatterEventKind } from './event-kinds.js';
import { dropEvents, lastById } from './writes.js';

/**
 * Calendar entries on a matter; hearing.scheduled/rescheduled/cancelled from the diff. The entry's
 * type goes through the current `calendar_event_type` mapping: an entry whose type nobody mapped
 * is held back in the quarantine (no row, no event) until staff map it, then re-processed through
 * here; an entry without a type is OTHER. An entry leaving its matter goes whatever its type.
 */
export async function writeCalendarEntries(manager: EntityManager, page: readonly CmsCalendarEntry[]): Promise<void> {
  const mapping = await loadMapping(manager, 'calendar_event_type');
  const kinds = new Map<string, MatterEventKind>();
  const unmapped: Array<CmsCalendarEntry & { matter: { id: string } }> = [];
  const entries = lastById(page).filter((e) => {
    if (e.matter === null) return true;
    const name = e.calendar_entry_event_type?.name;
    const kind = name ? mapping.canonicalOf(name) : 'OTHER';
    if (kind === undefined || !isMatterEventKind(kind)) {
      unmapped.push({ ...e, matter: e.matter });
      return false;
    }
    kinds.set(e.id, kind);
    return true;
  });
  const stored = await storedScheduleEntries(manager, entries.map((e) => calendarEventId(e.id)));
  const clients = await clientsOfMatters(manager, entries.flatMap((e) => (e.matter ? [e.matter.id] : [])));
  const kept = entries.filter((e): e is CmsCalendarEntry & { matter: { id: string } } => e.matter !== null);
  await upsertRows(manager, MATTER_EVENTS, kept.map((e) => calendarEventRow(e, kinds.get(e.id) ?? 'OTHER')));
  await dropEvents(manager, entries.filter((e) => e.matter === null).map((e) => ({ id: calendarEventId(e.id), updatedAt: e.updated_at })));
  await recordEvents(manager, entries.flatMap((e) => calendarEvents(stored.get(calendarEventId(e.id)), e, clients, kinds.get(e.id) ?? 'OTHER')));
  await resolveSuperseded(manager, 'UNMAPPED_VALUE', 'cms', 'calendar_entries', entries.map((e) => e.id));
  await quarantineUnmapped(manager, unmapped.map((e) => ({
    system: 'cms',
    resource: 'calendar_entries',
    legacyId: e.id,
    mappingKind: 'calendar_event_type',
    rawValue: e.calendar_entry_event_type?.name ?? '',
    detail: `Calendar event type "${e.calendar_entry_event_type?.name ?? ''}" of entry ${e.id} ("${e.summary}") has no calendar_event_type mapping; the entry is held back until it is mapped.`,
    payload: e,
  })));
}
