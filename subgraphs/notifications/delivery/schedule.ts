import type { Language } from '../../../shared/mail/index.js';
import type { Frequency } from '../entities/index.js';

/** What decides when a client's email leaves. */
export interface DeliveryPreferences {
  frequency: Frequency;
  /** Local hour (0–23) of the daily digest. */
  dailyHour: number;
  /** IANA time zone of every local time here. */
  timeZone: string;
  /** Local HH:MM; both set or both null. */
  quietStart: string | null;
  quietEnd: string | null;
  /** What the client's email is written in (and the portal shown in, once signed in). */
  language: Language;
}

export const DEFAULT_PREFERENCES: DeliveryPreferences = { frequency: 'HOURLY', dailyHour: 8, timeZone: 'UTC', quietStart: null, quietEnd: null, language: 'en' };

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether Intl knows this IANA time zone (e.g. Europe/London). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes since local midnight of `at` in `timeZone`. */
export function localMinutes(at: Date, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) formatters.set(timeZone, format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }));
  let hour = 0;
  let minute = 0;
  for (const part of format.formatToParts(at)) {
    if (part.type === 'hour') hour = Number(part.value);
    if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}

export const parseLocalTime = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The first instant at or after `at` whose local time is `target` (minutes after midnight). On a
 * day the clocks change, the one-step correction lands on the right local time, or an hour off
 * when that local time does not exist that day.
 */
export function nextLocalTime(at: Date, timeZone: string, target: number): Date {
  const now = localMinutes(at, timeZone);
  const delta = (((target - now) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  if (delta === 0) return at;
  const minuteStart = Math.floor(at.getTime() / MINUTE) * MINUTE;
  const candidate = new Date(minuteStart + delta * MINUTE);
  const drift = (((target - localMinutes(candidate, timeZone)) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  const correction = drift > DAY_MINUTES / 2 ? drift - DAY_MINUTES : drift;
  const corrected = new Date(candidate.getTime() + correction * MINUTE);
  return corrected.getTime() > at.getTime() ? corrected : candidate;
}

export function inQuietHours(at: Date, preferences: DeliveryPreferences): boolean {
  if (!preferences.quietStart || !preferences.quietEnd) return false;
  const start = parseLocalTime(preferences.quietStart);
  const end = parseLocalTime(preferences.quietEnd);
  const now = localMinutes(at, preferences.timeZone);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** `at`, or the end of the quiet hours it falls in. */
export function afterQuietHours(at: Date, preferences: DeliveryPreferences): Date {
  return inQuietHours(at, preferences) ? nextLocalTime(at, preferences.timeZone, parseLocalTime(preferences.quietEnd!)) : at;
}

/**
 * When email about a notification written at `since` may leave; null: never (OFF, portal only).
 * Urgent news goes at once, quiet hours or not: it is urgent because it cannot wait, and email
 * does not ring — a client who wants no mail at all chooses OFF. Everything else waits for the
 * client's window (IMMEDIATE: none; HOURLY: `windowSeconds`; DAILY: their local hour) and then
 * for the end of their quiet hours.
 */
export function dueAt(preferences: DeliveryPreferences, since: Date, options: { urgent: boolean; windowSeconds: number }): Date | null {
  if (preferences.frequency === 'OFF') return null;
  if (options.urgent) return since;
  switch (preferences.frequency) {
    case 'IMMEDIATE':
      return afterQuietHours(since, preferences);
    case 'HOURLY':
      return afterQuietHours(new Date(since.getTime() + options.windowSeconds * 1000), preferences);
    case 'DAILY':
      return afterQuietHours(nextLocalTime(since, preferences.timeZone, preferences.dailyHour * 60), preferences);
  }
}
