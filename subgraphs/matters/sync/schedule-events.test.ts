import type { CmsCalendarEntry, CmsTask } from '../legacy/cms-schemas.js';
import { calendarEvents, taskEvents, type StoredScheduleEntry } from './schedule-events.js';

const t0 = new Date('2025-03-01T10:00:00Z');
const t1 = new Date('2025-03-02T10:00:00Z');
const entry = (over: Partial<CmsCalendarEntry> = {}): CmsCalendarEntry => ({
  id: '7', summary: 'Deposition of Jane Doe', start_at: new Date('2025-04-01T16:00:00Z'), end_at: null, location: 'Zoom',
  matter: { id: 'm1' }, calendar_entry_event_type: { id: 'e1', name: 'Deposition' }, updated_at: t0, ...over,
});
const stored = (over: Partial<StoredScheduleEntry> = {}): StoredScheduleEntry => ({
  id: 'calendar:7', matterId: 'm1', clientId: 'c1', kind: 'DEPOSITION', title: 'Deposition of Jane Doe', startsAt: new Date('2025-04-01T16:00:00Z'),
  endsAt: null, location: 'Zoom', legacyUpdatedAt: t0, ...over,
});
const clients = new Map([['m1', 'c1'], ['m2', 'c2']]);

describe('schedule events', () => {
  it('schedules a new entry with its kind and client', () => {
    expect(calendarEvents(undefined, entry(), clients, 'DEPOSITION')).toEqual([
      expect.objectContaining({ type: 'hearing.scheduled', subject: 'calendar:7', matterId: 'm1', clientId: 'c1', payload: expect.objectContaining({ kind: 'DEPOSITION' }) }),
    ]);
  });

  it('reschedules with the previous start, only when the start moved in a newer version', () => {
    const moved = entry({ start_at: new Date('2025-04-08T16:00:00Z'), updated_at: t1 });
    expect(calendarEvents(stored(), moved, clients, 'DEPOSITION')).toEqual([
      expect.objectContaining({ type: 'hearing.rescheduled', occurredAt: t1, payload: expect.objectContaining({ previousStartsAt: '2025-04-01T16:00:00.000Z', startsAt: '2025-04-08T16:00:00.000Z' }) }),
    ]);
    expect(calendarEvents(stored(), entry({ updated_at: t1, location: 'Room 4' }), clients, 'DEPOSITION')).toEqual([]);
    expect(calendarEvents(stored({ legacyUpdatedAt: t1 }), entry({ start_at: new Date('2025-05-01T00:00:00Z') }), clients, 'DEPOSITION')).toEqual([]);
  });

  it('cancels an entry that left its matter, and moves one to another matter', () => {
    expect(calendarEvents(stored(), entry({ matter: null, updated_at: t1 }), clients, 'DEPOSITION').map((e) => e.type)).toEqual(['hearing.cancelled']);
    expect(calendarEvents(stored(), entry({ matter: { id: 'm2' }, updated_at: t1 }), clients, 'DEPOSITION').map((e) => [e.type, e.clientId])).toEqual([['hearing.cancelled', 'c1'], ['hearing.scheduled', 'c2']]);
  });

  it('sets a deadline when a task gets or changes its due date', () => {
    const task: CmsTask = { id: '3', name: 'File response', status: 'pending', due_at: '2025-04-10', matter: { id: 'm1' }, updated_at: t1 };
    expect(taskEvents(undefined, task, clients)).toEqual([expect.objectContaining({ type: 'deadline.set', payload: expect.objectContaining({ dueAt: '2025-04-10T12:00:00.000Z', previousDueAt: null }) })]);
    const storedTask = stored({ id: 'task:3', kind: 'DEADLINE', startsAt: new Date('2025-04-03T12:00:00Z') });
    expect(taskEvents(storedTask, task, clients)).toEqual([expect.objectContaining({ payload: expect.objectContaining({ previousDueAt: '2025-04-03T12:00:00.000Z' }) })]);
    expect(taskEvents({ ...storedTask, startsAt: new Date('2025-04-10T12:00:00Z') }, task, clients)).toEqual([]);
  });
});
