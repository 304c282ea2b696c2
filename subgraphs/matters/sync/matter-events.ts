import type { NewDomainEvent } from '../../../shared/events/index.js';
import type { CmsMatter } from '../legacy/cms-schemas.js';
import { matterTitle } from './rows.js';

/** What the diff needs of a stored matter (read FOR UPDATE before the page's upsert). */
export interface StoredMatter {
  id: string;
  legacyStatus: string;
  legacyUpdatedAt: Date;
}

const isOpen = (status: string) => /^(open|pending)$/i.test(status.trim());
const isClosed = (status: string) => /^closed$/i.test(status.trim());
/** A CMS date as an instant: noon UTC, the same calendar day in every US and European zone (as task deadlines). */
const dayInstant = (day: string | null, fallback: Date) => (day === null ? fallback : new Date(`${day}T12:00:00Z`));

/**
 * matter.opened for a matter we did not have (or one re-opened), matter.closed when it becomes
 * Closed — a matter first seen already closed gets both, so its history is whole. An older or
 * the same version makes none.
 */
export function matterEvents(stored: StoredMatter | undefined, incoming: CmsMatter): NewDomainEvent[] {
  if (stored && incoming.updated_at.getTime() <= stored.legacyUpdatedAt.getTime()) return [];
  const subject = `matter:${incoming.id}`;
  const version = incoming.updated_at.toISOString();
  const common = { subject, matterId: incoming.id, matterNumber: incoming.display_number, clientId: incoming.client.id };
  const facts = { matterId: incoming.id, number: incoming.display_number, title: matterTitle(incoming), clientId: incoming.client.id };
  const events: NewDomainEvent[] = [];
  if (!stored || (isOpen(incoming.status) && !isOpen(stored.legacyStatus))) {
    events.push({
      ...common,
      type: 'matter.opened',
      payload: { ...facts, openedOn: incoming.open_date },
      occurredAt: stored ? incoming.updated_at : dayInstant(incoming.open_date, incoming.updated_at),
      dedupeKey: `matter.opened:${subject}:${version}`,
    });
  }
  if (isClosed(incoming.status) && !(stored && isClosed(stored.legacyStatus))) {
    events.push({
      ...common,
      type: 'matter.closed',
      payload: { ...facts, closedOn: incoming.close_date },
      occurredAt: dayInstant(incoming.close_date, incoming.updated_at),
      dedupeKey: `matter.closed:${subject}:${version}`,
    });
  }
  return events;
}
