import type { FirmBuilder } from './builder.js';
import type { ReferenceData } from './reference.js';
import { isoDate, isoInstant, isoWithOffset } from './time.js';
import type { BillState, Contact, Matter, MatterStatus } from './types.js';
import { DOC_TITLES, DOC_TYPES, EVENT_TYPES, LOCATIONS, OFFSETS, TASK_NAMES, type DocKind } from './vocab.js';

const CLOSED_STATUSES = ['Settled', 'Closed - Settled', 'settled/closed', 'Closed', 'closed (do not use)'];
const PENDING_STATUSES = ['Intake', 'New Matter', 'new', 'Conflict Check'];
const DOC_KINDS = Object.keys(DOC_TYPES) as DocKind[];
const DOC_TAGS = ['discovery', 'pleadings', 'client', 'privileged', 'billing', 'court'];

interface OpenMatter {
  matter: Matter;
  openMs: number;
}

/** Random clients and other contacts, some companies, some without email. */
export function addRandomContacts(b: FirmBuilder, clients: number, others: number): Contact[] {
  const { faker } = b;
  const result: Contact[] = [];
  for (let i = 0; i < clients + others; i++) {
    const isClient = i < clients;
    const company = faker.datatype.boolean(0.25);
    const first = company ? null : faker.person.firstName();
    const last = company ? null : faker.person.lastName();
    const name = company ? faker.company.name() : `${first} ${last}`;
    let email: string | null = null;
    if (faker.datatype.boolean(0.85)) {
      const local = (company ? name.split(/\W+/)[0] : `${first}.${last}`) ?? 'info';
      email = `${local}@example.${faker.helpers.arrayElement(['com', 'org', 'net'])}`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
      if (!b.claimEmail(email)) email = email.replace('@', `${i}@`);
      b.claimEmail(email);
    }
    const contact = b.addContact(
      { name, first_name: first, last_name: last, type: company ? 'Company' : 'Person', primary_email_address: email, primary_phone_number: faker.datatype.boolean(0.7) ? faker.phone.number({ style: 'national' }) : null, is_client: isClient },
      b.between(-2500, -30),
    );
    if (isClient) result.push(contact);
  }
  return result;
}

function caseStatusFor(b: FirmBuilder, ref: ReferenceData, status: MatterStatus): number {
  const options = ref.caseStatus.picklist_options;
  const pool = status === 'Closed' ? CLOSED_STATUSES : status === 'Pending' ? PENDING_STATUSES : null;
  const candidates = pool ? options.filter((o) => pool.includes(o.option)) : options.filter((o) => !CLOSED_STATUSES.includes(o.option) && !PENDING_STATUSES.includes(o.option));
  return b.faker.helpers.arrayElement(candidates).id;
}

export function addRandomMatters(b: FirmBuilder, ref: ReferenceData, clients: Contact[], count: number): OpenMatter[] {
  const { faker } = b;
  const result: OpenMatter[] = [];
  for (let i = 0; i < count && clients.length > 0; i++) {
    const client = clients[i % clients.length] ?? clients[0]!;
    const status = faker.helpers.weightedArrayElement<MatterStatus>([
      { weight: 7, value: 'Open' },
      { weight: 1, value: 'Pending' },
      { weight: 2, value: 'Closed' },
    ]);
    const openMs = b.between(-2200, -10);
    const area = faker.datatype.boolean(0.9) ? faker.helpers.arrayElement(b.firm.practiceAreas) : null;
    const values = [];
    if (faker.datatype.boolean(0.92)) values.push(b.customFieldValue('picklist', ref.caseStatus.id, caseStatusFor(b, ref, status), openMs));
    if (area?.name === 'Litigation') values.push(b.customFieldValue('text_line', ref.courtCaseNumber.id, `CV-${faker.string.numeric(4)}-${faker.string.numeric(5)}`, openMs));
    const matter = b.addMatter(
      {
        description: faker.datatype.boolean(0.93) ? `${client.last_name ?? client.name} - ${faker.helpers.arrayElement(['contract dispute', 'lease issue', 'estate', 'custody', 'collections', 'slip and fall', 'visa application', 'shareholder agreement', 'wage claim'])}` : null,
        status,
        billable: faker.datatype.boolean(0.95),
        client: { id: client.id },
        practice_area: area ? { id: area.id } : null,
        responsible_attorney: faker.datatype.boolean(0.95) ? { id: faker.helpers.arrayElement(ref.attorneys).id } : null,
        open_date: faker.datatype.boolean(0.97) ? isoDate(openMs) : null,
        pending_date: status === 'Pending' ? isoDate(openMs) : null,
        close_date: status === 'Closed' ? isoDate(b.between(Math.ceil((openMs - b.anchorMs) / 86_400_000), -1)) : null,
        custom_field_values: values,
      },
      client,
      openMs,
    );
    result.push({ matter, openMs });
  }
  return result;
}

function summaryFor(b: FirmBuilder, type: string): string {
  const { faker } = b;
  switch (type) {
    case 'Hearing':
      return faker.helpers.arrayElement(['Hearing re: Motion to Dismiss', 'Status conference', 'hearing - MSJ', 'Motion hearing']);
    case 'Deposition':
      return faker.datatype.boolean(0.8) ? `Deposition of ${faker.person.fullName()}` : `Depo - ${faker.person.lastName()}`;
    case 'Deadline':
      return faker.helpers.arrayElement(['Discovery responses due', 'Expert disclosure deadline', 'Filing deadline', 'SOL']);
    case 'Trial':
      return faker.helpers.arrayElement(['Trial - Day 1', 'Jury selection', 'Bench trial']);
    default:
      return faker.helpers.arrayElement(['Client meeting', 'Strategy call w/ client', 'Mediation prep', 'mtg']);
  }
}

function eventTypeRef(b: FirmBuilder, name: string | undefined): { id: number } | null {
  const found = name === undefined ? undefined : b.firm.calendarEntryEventTypes.find((t) => t.name === name);
  return found ? { id: found.id } : null;
}

export function addRandomCalendar(b: FirmBuilder, ref: ReferenceData, matters: OpenMatter[]): void {
  const { faker } = b;
  for (const { matter, openMs } of matters) {
    const count = faker.number.int({ min: 0, max: 5 });
    for (let i = 0; i < count; i++) {
      const type = faker.datatype.boolean(0.9) ? faker.helpers.arrayElement(EVENT_TYPES) : null;
      const allDay = type?.name === 'Deadline' && faker.datatype.boolean(0.7);
      const startMs = b.between(Math.ceil((openMs - b.anchorMs) / 86_400_000), 120);
      const offset = faker.helpers.arrayElement(OFFSETS);
      b.addCalendarEntry(
        {
          summary: summaryFor(b, type?.name ?? 'Meeting'),
          description: faker.datatype.boolean(0.2) ? faker.lorem.sentence() : null,
          location: faker.datatype.boolean(0.7) ? faker.helpers.arrayElement(LOCATIONS) : null,
          start_at: allDay ? `${isoDate(startMs)}T00:00:00Z` : isoWithOffset(startMs, offset),
          end_at: allDay || faker.datatype.boolean(0.2) ? null : isoWithOffset(startMs + faker.number.int({ min: 1, max: 6 }) * 1_800_000, offset),
          all_day: allDay,
          matter: { id: matter.id },
          calendar_entry_event_type: eventTypeRef(b, type?.name),
          calendar_owner_id: matter.responsible_attorney?.id ?? null,
        },
        Math.min(startMs, b.anchorMs) - faker.number.int({ min: 1, max: 30 }) * 86_400_000,
      );
    }
    const tasks = faker.number.int({ min: 0, max: 3 });
    for (let i = 0; i < tasks; i++) {
      const dueMs = b.between(Math.ceil((openMs - b.anchorMs) / 86_400_000), 60);
      const done = dueMs < b.anchorMs && faker.datatype.boolean(0.7);
      b.addTask(
        {
          name: faker.helpers.arrayElement(TASK_NAMES),
          description: faker.datatype.boolean(0.3) ? faker.lorem.sentence() : null,
          status: done ? 'complete' : faker.helpers.arrayElement(['pending', 'pending', 'in_progress', 'in_review']),
          priority: faker.helpers.arrayElement(['High', 'Normal', 'Normal', 'Low']),
          due_at: faker.datatype.boolean(0.9) ? isoDate(dueMs) : null,
          completed_at: done ? isoInstant(dueMs) : null,
          matter: { id: matter.id },
          assignee: { id: faker.helpers.arrayElement([...ref.paralegals, ...ref.attorneys]).id },
        },
        Math.min(dueMs, b.anchorMs) - faker.number.int({ min: 1, max: 20 }) * 86_400_000,
      );
    }
  }
}

function deponentSpelling(b: FirmBuilder, first: string, last: string): string {
  return b.faker.helpers.arrayElement([`${first} ${last}`, `${first} ${last}`.toLowerCase(), `${last}, ${first}`, `${first[0]}. ${last}`, `${last.toUpperCase()}`]);
}

export function addRandomDocuments(b: FirmBuilder, matters: OpenMatter[], count: number): void {
  const { faker } = b;
  for (let i = 0; i < count && matters.length > 0; i++) {
    const { matter, openMs } = faker.helpers.arrayElement(matters);
    const kind = faker.helpers.arrayElement(DOC_KINDS);
    const attributes: Record<string, string> = {};
    let title = faker.helpers.arrayElement(DOC_TITLES[kind]);
    if (kind === 'depositionTranscript') {
      const first = faker.person.firstName();
      const last = faker.person.lastName();
      attributes.deponent = deponentSpelling(b, first, last);
      title = title.replace('{person}', `${first} ${last}`);
    } else if (faker.datatype.boolean(0.2)) {
      attributes.author = faker.helpers.arrayElement(['SJ', 'RS', 'DC', 'ML', 'TB', 'KN']);
    }
    const tags = faker.datatype.boolean(0.4) ? [faker.helpers.arrayElement(DOC_TAGS)] : [];
    const createdMs = faker.number.int({ min: openMs, max: Math.max(openMs, b.anchorMs - 3_600_000) });
    const ext = faker.datatype.boolean(0.9) ? '.pdf' : '';
    b.addDocument({ name: `${title} - ${matter.display_number}${ext}`, matterNumber: matter.display_number, docType: faker.helpers.arrayElement(DOC_TYPES[kind]), attributes, tags }, createdMs);
  }
}

export function addRandomBills(b: FirmBuilder, matters: OpenMatter[], count: number, firstNumber: number): void {
  const { faker } = b;
  for (let i = 0; i < count && matters.length > 0; i++) {
    const { matter, openMs } = faker.helpers.arrayElement(matters);
    const issuedMs = faker.number.int({ min: openMs, max: Math.max(openMs, b.anchorMs - 86_400_000) });
    const recent = b.anchorMs - issuedMs < 14 * 86_400_000;
    const state = faker.helpers.weightedArrayElement<BillState>([
      { weight: recent ? 3 : 0.2, value: 'draft' },
      { weight: recent ? 1 : 0.1, value: 'awaiting_approval' },
      { weight: 8, value: 'awaiting_payment' },
      { weight: 0.4, value: 'void' },
    ]);
    const totalCents = faker.number.int({ min: 5, max: 500 }) * faker.helpers.arrayElement([5_000, 2_500, 1_000, 1_234]);
    const bill = b.addBill(
      { number: String(firstNumber + i), subject: matter.description, issued_at: isoDate(issuedMs), due_at: isoDate(issuedMs + 30 * 86_400_000), state, currency: 'USD', total_cents: totalCents, client: matter.client, matters: [{ id: matter.id }] },
      issuedMs,
    );
    if (state !== 'awaiting_payment' || b.anchorMs - issuedMs < 2 * 86_400_000) continue;
    const paidMs = faker.number.int({ min: issuedMs + 86_400_000, max: b.anchorMs - 3_600_000 });
    const roll = faker.number.float({ min: 0, max: 1 });
    if (roll < 0.55) b.addPayment(bill, totalCents, paidMs);
    else if (roll < 0.75) b.addPayment(bill, Math.floor(totalCents / 200) * 100, paidMs);
  }
}
