import { createHash } from 'node:crypto';

export const DAY_MS = 86_400_000;

/** Midnight UTC of the given instant's day: the default anchor, stable for a whole day. */
export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** The instant written as local wall time at a UTC offset, e.g. `2024-10-15T09:00:00-05:00`. */
export function isoWithOffset(ms: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return `${new Date(ms).toISOString().slice(0, 19)}Z`;
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** A Clio-style etag (a quoted hex digest), derived from what identifies a revision. */
export function makeEtag(...parts: Array<string | number>): string {
  return `"${createHash('md5').update(parts.join('|')).digest('hex')}"`;
}
