import type { NewDomainEvent } from '../../../shared/events/index.js';
import type { MatterEventKind } from '../entities/index.js';
import type { CmsCalendarEntry, CmsTask } from '../legacy/cms-schemas.js';
import { calendarEventId, taskDeadlineInstant, taskEventId } from './rows.js';

/** What the diff needs of a stored calendar entry or deadline (read FOR UPDATE before the page's upsert). */
export interface StoredScheduleEntry {
  id: string;
  matterId: string;
  /** The stored matter's client, when the matter is stored. */
  clientId: string | null;
  kind: MatterEventKind;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  location: string | null;
  legacyUpdatedAt: Date;
}

const calendarFacts = (e: StoredScheduleEntry) => ({
  eventId: e.id, matterId: e.matterId, kind: e.kind, title: e.title, startsAt: e.startsAt.toISOString(), endsAt: e.endsAt?.toISOString() ?? null, location: e.location,
});

const olderOrSame = (stored: StoredScheduleEntry | undefined, updatedAt: Date) => stored !== undefined && updatedAt.getTime() <= stored.legacyUpdatedAt.getTime();

/** hearing.cancelled for a stored entry that went away: deleted, swept out, or no longer on a matter. */
export function cancelledEvent(stored: StoredScheduleEntry, occurredAt: Date, cause: string): NewDomainEvent {
  return {
    type: 'hearing.cancelled',
    subject: stored.id,
    matterId: stored.matterId,
    clientId: stored.clientId,
    payload: calendarFacts(stored),
    occurredAt,
    dedupeKey: `hearing.cancelled:${stored.id}:${stored.legacyUpdatedAt.toISOString()}:${cause}`,
  };
}

/**
 * The events one incoming calendar entry version makes: hearing.scheduled (new on a matter),
 * hearing.rescheduled (its start moved), hearing.cancelled (it left its matter). Every calendar
 * entry counts, whatever its kind (the payload says which). An older or the same version makes none.
 */
export function calendarEvents(
  stored: StoredScheduleEntry | undefined, incoming: CmsCalendarEntry, clientOf: ReadonlyMap<string, string>, kind: MatterEventKind,
): NewDomainEvent[] {
  if (olderOrSame(stored, incoming.updated_at)) return [];
  const version = incoming.updated_at.toISOString();
  if (incoming.matter === null) return stored ? [cancelledEvent(stored, incoming.updated_at, `unlinked:${version}`)] : [];
  const entry: StoredScheduleEntry = {
    id: calendarEventId(incoming.id),
    matterId: incoming.matter.id,
    clientId: clientOf.get(incoming.matter.id) ?? null,
    kind,
    title: incoming.summary,
    startsAt: incoming.start_at,
    endsAt: incoming.end_at,
    location: incoming.location,
    legacyUpdatedAt: incoming.updated_at,
  };
  const common = { subject: entry.id, matterId: entry.matterId, clientId: entry.clientId, occurredAt: incoming.updated_at };
  const scheduled: NewDomainEvent = { ...common, type: 'hearing.scheduled', payload: calendarFacts(entry), dedupeKey: `hearing.scheduled:${entry.id}:${version}` };
  if (!stored) return [scheduled];
  // Moved to another matter: gone from one, new on the other.
  if (stored.matterId !== entry.matterId) return [cancelledEvent(stored, incoming.updated_at, `moved:${version}`), scheduled];
  if (stored.startsAt.getTime() === entry.startsAt.getTime()) return [];
  return [{
    ...common,
    type: 'hearing.rescheduled',
    payload: { ...calendarFacts(entry), previousStartsAt: stored.startsAt.toISOString() },
    dedupeKey: `hearing.rescheduled:${entry.id}:${version}`,
  }];
}

/** deadline.set for a task with a due date on a matter that is new, or whose due date changed. */
export function taskEvents(stored: StoredScheduleEntry | undefined, incoming: CmsTask, clientOf: ReadonlyMap<string, string>): NewDomainEvent[] {
  if (incoming.matter === null || incoming.due_at === null || olderOrSame(stored, incoming.updated_at)) return [];
  const dueAt = taskDeadlineInstant(incoming.due_at);
  if (stored && stored.startsAt.getTime() === dueAt.getTime()) return [];
  const id = taskEventId(incoming.id);
  return [{
    type: 'deadline.set',
    subject: id,
    matterId: incoming.matter.id,
    clientId: clientOf.get(incoming.matter.id) ?? null,
    payload: { eventId: id, matterId: incoming.matter.id, title: incoming.name, dueAt: dueAt.toISOString(), previousDueAt: stored?.startsAt.toISOString() ?? null },
    occurredAt: incoming.updated_at,
    dedupeKey: `deadline.set:${id}:${incoming.updated_at.toISOString()}`,
  }];
}
