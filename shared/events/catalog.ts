import { z } from 'zod';

/**
 * Every kind of domain event and the facts it carries. Writers validate against these schemas
 * (recordEvents) and readers parse with them (parseEvent), so a payload can never drift from
 * what its consumers expect. Times are ISO 8601 strings; money is an exact decimal string.
 */
const iso = z.string().min(1);
const money = z.string().regex(/^-?\d+(\.\d+)?$/);
const eventKind = z.enum(['HEARING', 'TRIAL', 'DEPOSITION', 'MEETING', 'DEADLINE', 'OTHER']);
const stage = z.string().min(1);

const calendarFacts = {
  eventId: z.string(),
  matterId: z.string(),
  kind: eventKind,
  title: z.string(),
  startsAt: iso,
  endsAt: iso.nullable(),
  location: z.string().nullable(),
};

const documentFacts = {
  documentId: z.string(),
  matterNumber: z.string(),
  name: z.string(),
  /** The canonical kind (DocumentKind), after the mapping. */
  kind: z.string(),
  /** The DMS's own spelling, for provenance. */
  docType: z.string().nullable(),
  /** The `deponent` attribute, as typed in the DMS. */
  deponent: z.string().nullable(),
  tags: z.array(z.string()),
  receivedAt: iso,
};

const invoiceFacts = {
  invoiceId: z.string(),
  number: z.string(),
  matterIds: z.array(z.string()),
  clientId: z.string().nullable(),
  total: money,
  balance: money,
  paid: money,
  currency: z.string(),
  issuedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
};

export const EVENT_PAYLOADS = {
  'matter.opened': z.object({ matterId: z.string(), number: z.string(), title: z.string(), clientId: z.string(), openedOn: z.string().nullable() }),
  'matter.closed': z.object({ matterId: z.string(), number: z.string(), title: z.string(), clientId: z.string(), closedOn: z.string().nullable() }),
  'hearing.scheduled': z.object(calendarFacts),
  'hearing.rescheduled': z.object({ ...calendarFacts, previousStartsAt: iso }),
  'hearing.cancelled': z.object(calendarFacts),
  'deadline.set': z.object({ eventId: z.string(), matterId: z.string(), title: z.string(), dueAt: iso, previousDueAt: iso.nullable() }),
  'document.filed': z.object(documentFacts),
  'document.tagged': z.object({ ...documentFacts, previousKind: z.string().nullable(), previousDeponent: z.string().nullable() }),
  'invoice.issued': z.object(invoiceFacts),
  'invoice.paid': z.object({ ...invoiceFacts, paidAt: iso }),
  /** The rules published a client-facing matter update (matters.matter_updates). */
  'update.published': z.object({ updateId: z.string(), matterId: z.string(), clientId: z.string(), urgent: z.boolean() }),
  /** An update that is no longer true (a hearing announced, then cancelled) was withdrawn. */
  'update.withdrawn': z.object({ updateId: z.string(), matterId: z.string(), clientId: z.string() }),
  'stage.changed': z.object({ matterId: z.string(), clientId: z.string(), from: stage.nullable(), to: stage, rule: z.string() }),
  'notification.added': z.object({ notificationId: z.string(), clientId: z.string(), matterId: z.string().nullable() }),
} as const;

export type DomainEventType = keyof typeof EVENT_PAYLOADS;
export const DOMAIN_EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as DomainEventType[];
export type EventPayload<T extends DomainEventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

/** An event about to be recorded. */
export type NewDomainEvent = {
  [T in DomainEventType]: {
    type: T;
    payload: EventPayload<T>;
    subject: string;
    occurredAt: Date;
    matterId?: string | null;
    matterNumber?: string | null;
    clientId?: string | null;
    /** Unique per fact: the same key again is the same fact and is ignored. */
    dedupeKey: string;
  };
}[DomainEventType];

/** An event read back from the outbox, its payload parsed by its type's schema. */
export type DomainEvent = {
  [T in DomainEventType]: {
    id: string;
    txId: string;
    type: T;
    payload: EventPayload<T>;
    subject: string;
    occurredAt: Date;
    recordedAt: Date;
    matterId: string | null;
    matterNumber: string | null;
    clientId: string | null;
    /** The W3C traceparent of the work that recorded it (null when traces were off): its handling continues that trace. */
    traceContext?: string | null;
  };
}[DomainEventType];

export const isDomainEventType = (type: string): type is DomainEventType => Object.hasOwn(EVENT_PAYLOADS, type);
