import type { MatterEvent } from './queries';

const stamp = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const escape = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');

/** An RFC 5545 calendar with one event, generated in the browser. */
export function icsFor(event: MatterEvent, matterNumber: string): string {
  const end = event.endsAt ?? new Date(new Date(event.startsAt).getTime() + 60 * 60 * 1000).toISOString();
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Casebridge//Client portal//EN', 'BEGIN:VEVENT',
    `UID:${event.id}@casebridge`, `DTSTAMP:${stamp(new Date().toISOString())}`,
    `DTSTART:${stamp(event.startsAt)}`, `DTEND:${stamp(end)}`,
    `SUMMARY:${escape(`${event.title} (${matterNumber})`)}`,
    ...(event.location ? [`LOCATION:${escape(event.location)}`] : []),
    'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
}

export function icsHref(event: MatterEvent, matterNumber: string): string {
  return `data:text/calendar;charset=utf-8,${encodeURIComponent(icsFor(event, matterNumber))}`;
}
