/**
 * When mail may leave, in the client's own time zone: their window, their daily hour, their
 * quiet hours — across midnight and the clocks changing.
 */
import { DEFAULT_PREFERENCES, afterQuietHours, dueAt, isTimeZone, nextLocalTime } from './schedule.js';

const at = (iso: string) => new Date(iso);
const window = { urgent: false, windowSeconds: 3600 };

describe('delivery schedule', () => {
  it('knows IANA time zones', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('waits one window for HOURLY, nothing for IMMEDIATE and urgent, forever for OFF', () => {
    const now = at('2026-03-10T10:15:00Z');
    expect(dueAt(DEFAULT_PREFERENCES, now, window)).toEqual(at('2026-03-10T11:15:00Z'));
    expect(dueAt({ ...DEFAULT_PREFERENCES, frequency: 'IMMEDIATE' }, now, window)).toEqual(now);
    expect(dueAt(DEFAULT_PREFERENCES, now, { ...window, urgent: true })).toEqual(now);
    expect(dueAt({ ...DEFAULT_PREFERENCES, frequency: 'OFF' }, now, { ...window, urgent: true })).toBeNull();
  });

  it('sends DAILY at the local hour, today or tomorrow, across a change of the clocks', () => {
    const daily = { ...DEFAULT_PREFERENCES, frequency: 'DAILY' as const, dailyHour: 8, timeZone: 'America/New_York' };
    expect(dueAt(daily, at('2026-03-10T11:00:00Z'), window)).toEqual(at('2026-03-10T12:00:00Z')); // 07:00 EDT → 08:00 EDT
    expect(dueAt(daily, at('2026-03-10T13:00:00Z'), window)).toEqual(at('2026-03-11T12:00:00Z'));
    // New York moves to daylight time on 2026-03-08: 08:00 is 13:00Z before, 12:00Z after.
    expect(dueAt(daily, at('2026-03-07T14:00:00Z'), window)).toEqual(at('2026-03-08T12:00:00Z'));
    expect(nextLocalTime(at('2026-03-08T12:00:00Z'), 'America/New_York', 8 * 60)).toEqual(at('2026-03-08T12:00:00Z'));
  });

  it('holds non-urgent mail until quiet hours end, overnight ones included, but not urgent mail', () => {
    const quiet = { ...DEFAULT_PREFERENCES, timeZone: 'Europe/Berlin', quietStart: '22:00', quietEnd: '07:00' };
    expect(afterQuietHours(at('2026-06-01T21:30:00Z'), quiet)).toEqual(at('2026-06-02T05:00:00Z')); // 23:30 CEST → 07:00 CEST
    expect(afterQuietHours(at('2026-06-01T12:00:00Z'), quiet)).toEqual(at('2026-06-01T12:00:00Z'));
    expect(dueAt(quiet, at('2026-06-01T20:30:00Z'), window)).toEqual(at('2026-06-02T05:00:00Z')); // +1 h is 23:30 local
    expect(dueAt(quiet, at('2026-06-01T21:30:00Z'), { ...window, urgent: true })).toEqual(at('2026-06-01T21:30:00Z'));
  });
});
