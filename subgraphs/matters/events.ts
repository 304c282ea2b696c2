import type { MatterEventKind, MatterEventRow } from './entities/index.js';

const HEARING_KINDS: ReadonlySet<MatterEventKind> = new Set(['HEARING', 'TRIAL']);

export const isUpcoming = (event: Pick<MatterEventRow, 'startsAt'>, now = new Date()) => event.startsAt.getTime() > now.getTime();

/** The next hearing or trial that has not started yet, from events sorted oldest first. */
export function nextHearing<E extends Pick<MatterEventRow, 'kind' | 'startsAt'>>(events: readonly E[], now = new Date()): E | null {
  return events.find((e) => HEARING_KINDS.has(e.kind) && isUpcoming(e, now)) ?? null;
}
