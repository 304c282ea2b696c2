import type { DomainEventType } from '../../../shared/events/index.js';
import type { MatterStage } from '../stages/stage-machine.js';

/**
 * The words rules.ts is written in. A rule is data: which events it listens to, conditions from
 * the fixed list below (all must hold), the stage it moves the matter to, and the client-facing
 * update it writes, as templates whose {placeholders} the engine fills from the event and the
 * facts (the list of placeholders is TEMPLATE_VARIABLES).
 */
export interface Rule {
  /** Stable: it is stored with every decision (provenance) and shown in stage histories. */
  id: string;
  description: string;
  on: readonly DomainEventType[];
  when?: Condition;
  /** The stage it moves the matter to; a move the stage machine refuses is simply not made. */
  moveTo?: MatterStage;
  /** A milestone: the rule fires only when its move is allowed (so it fires once). */
  onlyWhenItMoves?: boolean;
  /** Why the matter moved, shown in the stage history; defaults to the update's title. */
  explanation?: string;
  update: UpdateTemplate;
  /** Sent at once rather than in the digest: always, or when the event's date is this close. */
  urgent?: Urgency;
  /** Withdraws the still-standing earlier updates about the same thing (a cancelled hearing). */
  withdrawsEarlier?: boolean;
}

export type UpdateCategory = 'DOCUMENT' | 'HEARING' | 'DEADLINE' | 'INVOICE' | 'STAGE' | 'MATTER';

export interface UpdateTemplate {
  category: UpdateCategory;
  title: string;
  body: string;
  /** The same in Spanish, for clients who read their email in Spanish (the placeholders are filled in Spanish too). */
  es: { title: string; body: string };
}

/** `within` hours of now, counted to the event's date (a hearing's start, a deadline's due time). */
export type Urgency = 'always' | { withinHours: number };

/** Conditions a rule may put on its event and the facts; every one given must hold. */
export interface Condition {
  /** The event's kind: a calendar entry's (HEARING, TRIAL, DEPOSITION, MEETING, OTHER) or a document's (PLEADING, MOTION, …). */
  kind?: readonly string[];
  /** The document is new, or a retag gave it this kind (a letter re-typed as a pleading): not a retag that kept its kind. */
  newKind?: boolean;
  /** The document carries at least one of these tags (compared without case). */
  taggedAny?: readonly string[];
  /** The document's name contains one of these words (compared without case). */
  nameContainsAny?: readonly string[];
  /**
   * The document is (now) a deposition transcript whose deponent attribute names someone, and it
   * was not already one naming the same person (a retag that changes nothing says nothing new).
   */
  transcriptNamesDeponent?: boolean;
  /** true: a deposition of the transcript's deponent is on the matter's calendar; false: none is. */
  deponentOnCalendar?: boolean;
  /** The matter has depositions on its calendar, and each has its transcript in the DMS, tagged with its deponent. */
  everyDepositionTranscribed?: boolean;
  /** true: it replaces an earlier value (a deadline moved); false: it is the first. */
  hasPrevious?: boolean;
}

/** Every placeholder a template may use, and what it is filled with. */
export const TEMPLATE_VARIABLES = {
  matter: "the matter's title",
  matterNumber: "the matter's CMS display number",
  client: "the client's name",
  date: 'the calendar entry\'s date ("October 15th"; the year is added when it is not this year)',
  time: 'the calendar entry\'s time ("9:30 AM")',
  atLocation: '" at <location>", or nothing when the entry has no location',
  title: "the calendar entry's or deadline's title",
  previousDate: 'the date a rescheduled entry or moved deadline had before',
  deponent: 'the deponent: from the calendar ("Deposition of <name>"), else as typed in the DMS',
  testimonyOn: 'the date of the deposition the transcript records',
  documentName: "the document's name in the DMS",
  receivedOn: 'the date the DMS received the document',
  dueOn: "a deadline's or invoice's due date",
  openedOn: 'the date the matter was opened',
  closedOn: 'the date the matter was closed',
  deponents: 'every deponent on the calendar ("Jane Doe, Marcus Lee and Priya Shah")',
  depositionCount: 'how many depositions are on the calendar',
  allTranscripts: '"the transcripts of all 3 depositions", or "the transcript of the deposition" when there is one',
  invoiceNumber: "the invoice's number",
  total: "the invoice's total (\"$1,234.50\")",
  paid: 'the amount paid on the invoice',
  balance: 'what is left to pay on the invoice',
} as const;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

/** Fills {placeholders}; null when one has no value here (the rule then does not fire). */
export function render(template: string, values: Partial<Record<TemplateVariable, string>>): string | null {
  let missing = false;
  const text = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name as TemplateVariable];
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? null : text;
}

/** The placeholders a template uses that the vocabulary does not know (rules.test.ts checks there are none). */
export const unknownVariables = (template: string): string[] =>
  [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((name) => !Object.hasOwn(TEMPLATE_VARIABLES, name));
