import type { DomainEvent } from '../../../shared/events/index.js';
import type { BatchFacts, DepositionFact, MatterFacts } from './facts.js';
import type { Language } from '../../../shared/mail/index.js';
import { humanDate, humanDateEs, humanDay, humanDayEs, humanMoney, humanMoneyEs, humanTime, humanTimeEs } from './format.js';
import { deponentOfTitle, listNames, sameName } from './names.js';
import type { TemplateVariable } from './vocabulary.js';

export type Variables = Partial<Record<TemplateVariable, string>>;

/** The deposition on the calendar whose deponent the transcript names, if any. */
export function depositionOfTranscript(deponent: string | null, depositions: readonly DepositionFact[]): DepositionFact | null {
  return depositions.find((d) => sameName(d.deponent, deponent)) ?? null;
}

/** The depositions of a matter, each with the transcript that names its deponent (or null). */
export function transcriptsOfDepositions(matter: MatterFacts, facts: BatchFacts) {
  const transcripts = facts.transcripts.get(matter.number) ?? [];
  return (facts.depositions.get(matter.id) ?? []).map((deposition) => ({
    deposition,
    transcript: transcripts.find((t) => t.kind === 'DEPOSITION_TRANSCRIPT' && sameName(t.deponent, deposition.deponent)) ?? null,
  }));
}

/** How each language writes the placeholders that are not names: dates, times, money and a few phrases. */
const WORDS = {
  en: {
    date: humanDate, day: humanDay, time: humanTime, money: humanMoney, and: 'and', onReceipt: 'on receipt',
    at: (location: string) => ` at ${location}`,
    allTranscripts: (n: number) => (n === 1 ? 'the transcript of the deposition' : `the transcripts of all ${n} depositions`),
  },
  es: {
    date: humanDateEs, day: humanDayEs, time: humanTimeEs, money: humanMoneyEs, and: 'y', onReceipt: 'a la recepción',
    at: (location: string) => ` en ${location}`,
    allTranscripts: (n: number) => (n === 1 ? 'la transcripción de la declaración' : `las transcripciones de las ${n} declaraciones`),
  },
} as const;

/** Every placeholder this event and these facts can fill, in this language; the others stay unset. */
export function variablesOf(event: DomainEvent, matter: MatterFacts, facts: BatchFacts, timeZone: string, now: Date, language: Language = 'en'): Variables {
  const words = WORDS[language];
  const date = (at: Date | string) => words.date(new Date(at), timeZone, now);
  const day = (iso: string | null, fallback: Date) => (iso ? words.day(iso, timeZone, now) : date(fallback));
  const depositions = facts.depositions.get(matter.id) ?? [];
  const vars: Variables = {
    matter: matter.title,
    matterNumber: matter.number,
    client: matter.clientName,
    depositionCount: String(depositions.length),
    allTranscripts: words.allTranscripts(depositions.length),
    deponents: listNames(depositions.map((d) => d.deponent ?? d.title), words.and),
  };
  switch (event.type) {
    case 'matter.opened':
      return { ...vars, openedOn: day(event.payload.openedOn, event.occurredAt) };
    case 'matter.closed':
      return { ...vars, closedOn: day(event.payload.closedOn, event.occurredAt) };
    case 'hearing.scheduled':
    case 'hearing.rescheduled':
    case 'hearing.cancelled': {
      const p = event.payload;
      const deponent = p.kind === 'DEPOSITION' ? deponentOfTitle(p.title) : null;
      return {
        ...vars,
        title: p.title,
        date: date(p.startsAt),
        time: words.time(new Date(p.startsAt), timeZone),
        atLocation: p.location?.trim() ? words.at(p.location.trim()) : '',
        ...(deponent ? { deponent } : {}),
        ...(event.type === 'hearing.rescheduled' ? { previousDate: date(event.payload.previousStartsAt) } : {}),
      };
    }
    case 'deadline.set':
      return { ...vars, title: event.payload.title, dueOn: date(event.payload.dueAt), ...(event.payload.previousDueAt ? { previousDate: date(event.payload.previousDueAt) } : {}) };
    case 'document.filed':
    case 'document.tagged': {
      const p = event.payload;
      const deposition = depositionOfTranscript(p.deponent, depositions);
      const deponent = deposition?.deponent ?? p.deponent?.trim();
      return {
        ...vars,
        documentName: p.name,
        receivedOn: date(p.receivedAt),
        ...(deponent ? { deponent } : {}),
        ...(deposition ? { testimonyOn: date(deposition.startsAt) } : {}),
      };
    }
    case 'invoice.issued':
    case 'invoice.paid': {
      const p = event.payload;
      const money = (amount: string) => words.money(amount, p.currency);
      return { ...vars, invoiceNumber: p.number, total: money(p.total), paid: money(p.paid), balance: money(p.balance), dueOn: p.dueOn ? words.day(p.dueOn, timeZone, now) : words.onReceipt };
    }
    default:
      return vars;
  }
}

/** The dates an urgency window is measured to: a calendar entry's start (before and after a move), a deadline's due time. */
export function datesOf(event: DomainEvent): Date[] {
  switch (event.type) {
    case 'hearing.scheduled':
    case 'hearing.cancelled':
      return [new Date(event.payload.startsAt)];
    case 'hearing.rescheduled':
      return [new Date(event.payload.startsAt), new Date(event.payload.previousStartsAt)];
    case 'deadline.set':
      return [new Date(event.payload.dueAt)];
    default:
      return [];
  }
}
