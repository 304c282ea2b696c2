import { MATTER_EVENT_KINDS, type MatterEventKind } from '../entities/index.js';

/**
 * The shipped mapping of CMS calendar event type names to event kinds (the `calendar_event_type`
 * value mappings, seeded by a migration; staff add new versions through the graph). A type nobody
 * mapped is quarantined until someone does; an entry with no type at all is OTHER.
 */
export const DEFAULT_CALENDAR_EVENT_TYPE_MAPPING: Readonly<Partial<Record<MatterEventKind, readonly string[]>>> = {
  HEARING: ['Hearing', 'Court Date', 'Court Appearance', 'Motion Hearing', 'Status Conference'],
  TRIAL: ['Trial', 'Jury Trial', 'Bench Trial'],
  DEPOSITION: ['Deposition', 'Depo'],
  MEETING: ['Meeting', 'Conference', 'Client Meeting', 'Call', 'Mediation'],
  DEADLINE: ['Deadline', 'Due Date', 'Filing Deadline', 'Statute of Limitations'],
};

export const isMatterEventKind = (value: string): value is MatterEventKind => (MATTER_EVENT_KINDS as readonly string[]).includes(value);
