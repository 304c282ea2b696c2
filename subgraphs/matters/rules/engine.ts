import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../../../shared/events/index.js';
import type { Language } from '../../../shared/mail/index.js';
import { transition, type MatterStage } from '../stages/stage-machine.js';
import { matterRefOf, SYSTEM_OF_EVENT, type BatchFacts, type MatterFacts, type StandingUpdate } from './facts.js';
import { sameName } from './names.js';
import { FIRM_TIME_ZONE, RULES } from './rules.js';
import { datesOf, depositionOfTranscript, transcriptsOfDepositions, variablesOf } from './variables.js';
import { render, type Condition, type Rule, type UpdateCategory } from './vocabulary.js';

/** What one rule decided about one event: a client-facing update, and perhaps a stage move. */
export interface Decision {
  rule: string;
  matter: MatterFacts;
  /** When what it tells happened (the event's time). */
  at: Date;
  eventIds: string[];
  facts: Record<string, unknown>;
  /** False for history (an event recorded before its system's first import finished): kept, never sent. */
  announce: boolean;
  stage: { from: MatterStage; to: MatterStage; explanation: string } | null;
  update: {
    id: string;
    title: string;
    body: string;
    category: UpdateCategory;
    urgent: boolean;
    subject: string;
    /** The title and body in the other languages clients read (Spanish), keyed by language. */
    translations: UpdateTranslations;
    /** Earlier updates this one makes obsolete (newest last). */
    withdraws: StandingUpdate[];
  };
}

export type UpdateTranslations = Partial<Record<Exclude<Language, 'en'>, { title: string; body: string }>>;

export interface EngineOptions {
  now?: Date;
  rules?: readonly Rule[];
  timeZone?: string;
}

/** History: recorded before the first import of its system finished (or while it still runs). */
export function isBacklog(event: DomainEvent, facts: BatchFacts): boolean {
  const system = SYSTEM_OF_EVENT[event.type.split('.')[0]!];
  if (!system) return false;
  const imported = facts.importedAt[system];
  return imported === null || event.recordedAt.getTime() < imported.getTime();
}

const DOCUMENT_EVENTS = new Set(['document.filed', 'document.tagged']);

function holds(condition: Condition, event: DomainEvent, matter: MatterFacts, facts: BatchFacts): boolean {
  const payload = event.payload as { kind?: string; tags?: string[]; name?: string; deponent?: string | null };
  const isDocument = DOCUMENT_EVENTS.has(event.type);
  if (condition.kind && !(payload.kind !== undefined && condition.kind.includes(payload.kind))) return false;
  if (condition.newKind !== undefined) {
    const isNew = event.type === 'document.filed' || (event.type === 'document.tagged' && event.payload.previousKind !== event.payload.kind);
    if (isNew !== condition.newKind) return false;
  }
  if (condition.taggedAny) {
    const tags = new Set((payload.tags ?? []).map((t) => t.trim().toLowerCase()));
    if (!condition.taggedAny.some((t) => tags.has(t.toLowerCase()))) return false;
  }
  if (condition.nameContainsAny) {
    const name = (payload.name ?? '').toLowerCase();
    if (!condition.nameContainsAny.some((word) => name.includes(word.toLowerCase()))) return false;
  }
  if (condition.transcriptNamesDeponent !== undefined) {
    let names = false;
    if (isDocument && payload.kind === 'DEPOSITION_TRANSCRIPT' && payload.deponent?.trim()) {
      names = event.type === 'document.filed'
        || (event.type === 'document.tagged' && (event.payload.previousKind !== 'DEPOSITION_TRANSCRIPT' || !sameName(event.payload.previousDeponent, event.payload.deponent)));
    }
    if (names !== condition.transcriptNamesDeponent) return false;
  }
  if (condition.deponentOnCalendar !== undefined) {
    const onCalendar = isDocument && depositionOfTranscript(payload.deponent ?? null, facts.depositions.get(matter.id) ?? []) !== null;
    if (onCalendar !== condition.deponentOnCalendar) return false;
  }
  if (condition.everyDepositionTranscribed !== undefined) {
    const pairs = transcriptsOfDepositions(matter, facts);
    const every = pairs.length > 0 && pairs.every((p) => p.transcript !== null);
    if (every !== condition.everyDepositionTranscribed) return false;
  }
  if (condition.hasPrevious !== undefined) {
    const previous = event.type === 'hearing.rescheduled' || (event.type === 'deadline.set' && event.payload.previousDueAt !== null);
    if (previous !== condition.hasPrevious) return false;
  }
  return true;
}

function isUrgent(rule: Rule, event: DomainEvent, now: Date): boolean {
  if (rule.urgent === undefined) return false;
  if (rule.urgent === 'always') return true;
  const windowMs = rule.urgent.withinHours * 3_600_000;
  return datesOf(event).some((at) => at.getTime() - now.getTime() >= 0 && at.getTime() - now.getTime() <= windowMs);
}

/** The facts a decision rests on, kept with it (provenance). */
function factsOf(rule: Rule, event: DomainEvent, matter: MatterFacts, facts: BatchFacts, from: MatterStage): Record<string, unknown> {
  const recorded: Record<string, unknown> = { event: { type: event.type, subject: event.subject, payload: event.payload }, stageBefore: from };
  const conditions = rule.when ?? {};
  if (conditions.everyDepositionTranscribed !== undefined || conditions.deponentOnCalendar !== undefined) {
    recorded.depositions = transcriptsOfDepositions(matter, facts).map(({ deposition, transcript }) => ({
      calendarEntry: deposition.eventId, title: deposition.title, deponent: deposition.deponent, startsAt: deposition.startsAt.toISOString(),
      transcript: transcript ? { documentId: transcript.id, name: transcript.name, deponent: transcript.deponent } : null,
    }));
  }
  return recorded;
}

/**
 * Runs the rules over a batch of events with its facts, in order, tracking each matter's stage as
 * the decisions move it: pure (no I/O), so the consumer, the first import and the dry run share it.
 */
export function decide(events: readonly DomainEvent[], facts: BatchFacts, options: EngineOptions = {}): Decision[] {
  const now = options.now ?? new Date();
  const rules = options.rules ?? RULES;
  const timeZone = options.timeZone ?? FIRM_TIME_ZONE;
  const stages = new Map<string, MatterStage>();
  const standing = new Map([...facts.standing].map(([subject, list]) => [subject, [...list]]));
  const decisions: Decision[] = [];

  for (const event of events) {
    const ref = matterRefOf(event);
    const matterId = ref === null ? undefined : 'id' in ref ? ref.id : facts.matterIdByNumber.get(ref.number);
    const matter = matterId === undefined ? undefined : facts.matters.get(matterId);
    if (!matter) continue;
    // A pending matter's client is a prospect (a web intake lead's follow-up task would otherwise
    // reach them as a "deadline"): kept, never sent, until the firm opens the matter.
    const announce = !isBacklog(event, facts) && matter.pending !== true;
    let variables: ReturnType<typeof variablesOf> | undefined;
    let spanish: ReturnType<typeof variablesOf> | undefined;

    for (const rule of rules) {
      if (!rule.on.includes(event.type) || (rule.when && !holds(rule.when, event, matter, facts))) continue;
      const from = stages.get(matter.id) ?? matter.stage;
      const moves = rule.moveTo !== undefined && transition(from, rule.moveTo, matter.practiceArea).allowed;
      if (rule.onlyWhenItMoves && !moves) continue;
      variables ??= variablesOf(event, matter, facts, timeZone, now);
      const title = render(rule.update.title, variables);
      const body = render(rule.update.body, variables);
      // A template whose facts are missing would have to guess: the rule does not fire.
      if (title === null || body === null) continue;
      spanish ??= variablesOf(event, matter, facts, timeZone, now, 'es');
      const es = { title: render(rule.update.es.title, spanish), body: render(rule.update.es.body, spanish) };
      const translations: UpdateTranslations = es.title !== null && es.body !== null ? { es: { title: es.title, body: es.body } } : {};
      const subject = rule.update.category === 'STAGE' ? `matter:${matter.id}:stage` : event.subject;
      const withdraws = rule.withdrawsEarlier ? (standing.get(subject) ?? []).filter((u) => u.matterId === matter.id) : [];
      if (rule.withdrawsEarlier) standing.delete(subject);
      const update = { id: randomUUID(), title, body, category: rule.update.category, urgent: isUrgent(rule, event, now), subject, translations, withdraws };
      if (!rule.withdrawsEarlier) standing.set(subject, [...(standing.get(subject) ?? []), { id: update.id, matterId: matter.id, clientId: matter.clientId, subject, announce }]);
      const stage = moves ? { from, to: rule.moveTo!, explanation: render(rule.explanation ?? rule.update.title, variables) ?? title } : null;
      if (stage) stages.set(matter.id, stage.to);
      decisions.push({ rule: rule.id, matter, at: event.occurredAt, eventIds: [event.id], facts: factsOf(rule, event, matter, facts, from), announce, stage, update });
    }
  }
  return decisions;
}
