import { Faker, en } from '@faker-js/faker';
import { DAY_MS, isoInstant, makeEtag } from './time.js';
import type {
  Bill,
  CalendarEntry,
  Contact,
  CustomFieldValue,
  DmsDocument,
  Firm,
  Matter,
  Payment,
  Task,
  User,
} from './types.js';
import { FIRM_NAME } from './vocab.js';

type Fields<T> = Omit<T, 'id' | 'etag' | 'created_at' | 'updated_at'>;

/** Every resource gets its own id range, so an id of the wrong kind never resolves by accident. */
const ID_BASES = {
  user: 344_000,
  contact: 1_200_000,
  practiceArea: 52_000,
  customField: 61_000,
  picklistOption: 71_000,
  eventType: 81_000,
  matter: 2_500_000,
  customFieldValue: 3_100_000,
  calendarEntry: 4_700_000,
  task: 5_300_000,
  bill: 6_900_000,
  payment: 7_400_000,
  activity: 8_100_000,
  group: 9_200_000,
} as const;

export type IdKind = keyof typeof ID_BASES;

/** `4821-3305-7768`-style DMS ids: a bijection of the sequence number, so they never collide. */
export function dmsDocumentId(seq: number): string {
  const n = (seq * 2_654_435_761 + 482_133_057_768) % 1_000_000_000_000;
  const digits = String(n).padStart(12, '0');
  return `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
}

/** Holds the faker instance, the anchor and the id counters while a firm is generated. */
export class FirmBuilder {
  readonly faker: Faker;
  readonly anchorMs: number;
  readonly firm: Firm;
  private readonly counters = new Map<IdKind, number>();
  private docSeq = 0;
  private readonly emails = new Set<string>();

  constructor(seed: number, anchor: Date) {
    this.faker = new Faker({ locale: [en] });
    this.faker.seed(seed);
    this.anchorMs = anchor.getTime();
    this.firm = {
      name: FIRM_NAME,
      seed,
      anchor: anchor.toISOString(),
      users: [],
      contacts: [],
      practiceAreas: [],
      customFields: [],
      matters: [],
      calendarEntryEventTypes: [],
      calendarEntries: [],
      tasks: [],
      activities: [],
      documents: [],
      bills: [],
      payments: [],
      groups: [],
    };
  }

  nextId(kind: IdKind): number {
    const next = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, next);
    return ID_BASES[kind] + next;
  }

  /** Whether an email is still free; reserves it when it is. */
  claimEmail(email: string): boolean {
    if (this.emails.has(email)) return false;
    this.emails.add(email);
    return true;
  }

  /** An instant `days` days from the anchor (negative = past), plus `minutes`. */
  at(days: number, minutes = 0): number {
    return this.anchorMs + days * DAY_MS + minutes * 60_000;
  }

  /** A random instant between `fromDays` and `toDays` days from the anchor, to the minute. */
  between(fromDays: number, toDays: number): number {
    const minutes = this.faker.number.int({ min: fromDays * 1440, max: toDays * 1440 });
    return this.anchorMs + minutes * 60_000;
  }

  /** created/updated stamps: created at `createdMs`, updated some time later but before the anchor. */
  stamps(kind: string, id: number | string, createdMs: number): { etag: string; created_at: string; updated_at: string } {
    const latest = Math.max(createdMs, this.anchorMs - 60_000);
    const updatedMs = this.faker.number.int({ min: createdMs, max: latest });
    const updated_at = isoInstant(updatedMs);
    return { etag: makeEtag(kind, id, updated_at), created_at: isoInstant(createdMs), updated_at };
  }

  addUser(fields: Fields<User>, createdMs: number): User {
    const id = this.nextId('user');
    const user: User = { id, ...this.stamps('user', id, createdMs), ...fields };
    this.firm.users.push(user);
    return user;
  }

  addContact(fields: Fields<Contact>, createdMs: number): Contact {
    const id = this.nextId('contact');
    const contact: Contact = { id, ...this.stamps('contact', id, createdMs), ...fields };
    this.firm.contacts.push(contact);
    return contact;
  }

  addMatter(fields: Omit<Fields<Matter>, 'number' | 'display_number'>, client: Contact, createdMs: number): Matter {
    const id = this.nextId('matter');
    const number = this.firm.matters.length + 1;
    const suffix = client.last_name ?? client.name.split(/\s+/)[0] ?? 'Client';
    const display_number = `${String(number).padStart(5, '0')}-${suffix}`;
    const matter: Matter = { id, ...this.stamps('matter', id, createdMs), number, display_number, ...fields };
    this.firm.matters.push(matter);
    return matter;
  }

  customFieldValue(kind: 'picklist' | 'text_line', fieldId: number, value: string | number, createdMs: number): CustomFieldValue {
    const id = `${kind}-${this.nextId('customFieldValue')}`;
    return { id, ...this.stamps('cfv', id, createdMs), custom_field: { id: fieldId }, value };
  }

  addCalendarEntry(fields: Fields<CalendarEntry>, createdMs: number): CalendarEntry {
    const id = this.nextId('calendarEntry');
    const entry: CalendarEntry = { id, ...this.stamps('calendar_entry', id, createdMs), ...fields };
    this.firm.calendarEntries.push(entry);
    return entry;
  }

  addTask(fields: Fields<Task>, createdMs: number): Task {
    const id = this.nextId('task');
    const task: Task = { id, ...this.stamps('task', id, createdMs), ...fields };
    this.firm.tasks.push(task);
    return task;
  }

  addDocument(fields: Omit<DmsDocument, 'seq' | 'id' | 'created' | 'modified' | 'version' | 'size' | 'contentType'>, createdMs: number): DmsDocument {
    const seq = ++this.docSeq;
    const latest = Math.max(createdMs, this.anchorMs - 60_000);
    const modifiedMs = this.faker.datatype.boolean(0.7) ? createdMs : this.faker.number.int({ min: createdMs, max: latest });
    const document: DmsDocument = {
      seq,
      id: dmsDocumentId(seq),
      ...fields,
      version: 1,
      created: isoInstant(createdMs),
      modified: isoInstant(modifiedMs),
      size: this.faker.number.int({ min: 6_000, max: 90_000 }),
      contentType: 'application/pdf',
    };
    this.firm.documents.push(document);
    return document;
  }

  addBill(fields: Omit<Fields<Bill>, 'paid_cents' | 'paid_at'>, createdMs: number): Bill {
    const id = this.nextId('bill');
    const bill: Bill = { id, ...this.stamps('bill', id, createdMs), ...fields, paid_cents: 0, paid_at: null };
    this.firm.bills.push(bill);
    return bill;
  }

  /** Records a payment and applies it to the bill (state `paid` once nothing is left). */
  addPayment(bill: Bill, amountCents: number, dateMs: number): Payment {
    const id = this.nextId('payment');
    const date = isoInstant(dateMs);
    const payment: Payment = { id, etag: makeEtag('payment', id, date), created_at: date, updated_at: date, bill: { id: bill.id }, amount_cents: amountCents, date };
    this.firm.payments.push(payment);
    bill.paid_cents += amountCents;
    if (bill.paid_cents >= bill.total_cents) {
      bill.state = 'paid';
      bill.paid_at = date;
    }
    if (bill.updated_at < date) {
      bill.updated_at = date;
      bill.etag = makeEtag('bill', bill.id, date);
    }
    return payment;
  }
}
