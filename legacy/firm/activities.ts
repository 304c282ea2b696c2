import type { FirmBuilder } from './builder.js';
import { DAY_MS, isoDate, isoInstant, makeEtag } from './time.js';

const NOTES = [
  'Review correspondence from opposing counsel',
  'Draft discovery responses',
  'Telephone conference with client',
  'Prepare for deposition',
  'Research case law',
  'Revise settlement proposal',
  null,
] as const;

/** A small deterministic generator, so activities never disturb the faker sequence of the rest. */
function numbers(seed: number): () => number {
  let state = (seed ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Two to four time entries per matter, in whole tenths of an hour (so hours are exact decimals),
 * dated between the matter's opening and the anchor day.
 */
export function addActivities(b: FirmBuilder): void {
  const random = numbers(b.firm.seed);
  for (const matter of b.firm.matters) {
    const count = 2 + Math.floor(random() * 3);
    const openedMs = Date.parse(matter.open_date ?? matter.created_at);
    const spanDays = Math.max(1, Math.floor((b.anchorMs - openedMs) / DAY_MS));
    for (let i = 0; i < count; i++) {
      const id = b.nextId('activity');
      const dayMs = b.anchorMs - (1 + Math.floor(random() * spanDays)) * DAY_MS;
      const at = isoInstant(dayMs + 18 * 3_600_000);
      b.firm.activities.push({
        id,
        etag: makeEtag('activity', id, at),
        created_at: at,
        updated_at: at,
        type: 'TimeEntry',
        date: isoDate(dayMs),
        quantity_seconds: 360 * (1 + Math.floor(random() * 40)),
        note: NOTES[Math.floor(random() * NOTES.length)] ?? null,
        matter: { id: matter.id },
        user: matter.responsible_attorney,
      });
    }
  }
}
