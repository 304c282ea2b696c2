import type { FirmBuilder } from './builder.js';
import { makeEtag, isoInstant } from './time.js';
import type { CustomField, SubscriptionType, User } from './types.js';
import { CASE_STATUS_OPTIONS, EVENT_TYPES, FIRM_DOMAIN, PRACTICE_AREAS } from './vocab.js';

export const SARAH_EMAIL = `sarah.jones@${FIRM_DOMAIN}`;
export const ADMIN_EMAIL = `admin@${FIRM_DOMAIN}`;

const STAFF: ReadonlyArray<readonly [first: string, last: string, type: SubscriptionType, roles: string[], email?: string]> = [
  ['Sarah', 'Jones', 'Attorney', ['Attorney', 'Partner']],
  ['Dana', 'Whitfield', 'NonAttorney', ['Administrator'], ADMIN_EMAIL],
  ['Robert', 'Smith', 'Attorney', ['Attorney', 'Partner']],
  ['David', 'Chen', 'Attorney', ['Attorney']],
  ['Maria', 'Lopez', 'Attorney', ['Attorney']],
  ['Tom', 'Becker', 'NonAttorney', ['Paralegal']],
  ['Kelly', 'Nguyen', 'NonAttorney', ['Paralegal']],
  ['Greg', 'Hall', 'NonAttorney', ['Paralegal']],
];

export interface ReferenceData {
  attorneys: User[];
  paralegals: User[];
  caseStatus: CustomField;
  courtCaseNumber: CustomField;
}

function addStaff(b: FirmBuilder, first: string, last: string, type: SubscriptionType, roles: string[], email: string): User {
  return b.addUser(
    {
      name: `${first} ${last}`,
      first_name: first,
      last_name: last,
      initials: `${first[0]}${last[0]}`,
      email,
      enabled: !(first === 'Greg' && last === 'Hall'),
      subscription_type: type,
      roles,
      time_zone: b.faker.helpers.arrayElement(['Eastern Time (US & Canada)', 'Pacific Time (US & Canada)']),
    },
    b.between(-3000, -1500),
  );
}

/** Users, practice areas, custom fields and event types: what every matter refers to. */
export function addReferenceData(b: FirmBuilder, extraStaff: number): ReferenceData {
  for (const [first, last, type, roles, email] of STAFF) {
    addStaff(b, first, last, type, roles, email ?? `${first}.${last}@${FIRM_DOMAIN}`.toLowerCase());
  }
  for (let i = 0; i < extraStaff; i++) {
    const first = b.faker.person.firstName();
    const last = b.faker.person.lastName();
    const attorney = b.faker.datatype.boolean(0.5);
    let email = `${first}.${last}@${FIRM_DOMAIN}`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
    if (!b.claimEmail(email)) email = email.replace('@', `${i}@`);
    addStaff(b, first, last, attorney ? 'Attorney' : 'NonAttorney', [attorney ? 'Attorney' : 'Paralegal'], email);
  }

  for (const area of PRACTICE_AREAS) {
    const id = b.nextId('practiceArea');
    b.firm.practiceAreas.push({ id, ...b.stamps('practice_area', id, b.between(-3200, -3000)), ...area });
  }

  const caseStatus = addCustomField(b, 'Case Status', 'picklist', 1);
  for (const [option, deleted] of CASE_STATUS_OPTIONS) {
    const id = b.nextId('picklistOption');
    const stamps = b.stamps('picklist_option', id, b.between(-3000, -200));
    const deleted_at = deleted ? stamps.updated_at : null;
    caseStatus.picklist_options.push({ id, ...stamps, option, deleted_at });
  }
  const courtCaseNumber = addCustomField(b, 'Court Case Number', 'text_line', 2);

  for (const type of EVENT_TYPES) {
    const id = b.nextId('eventType');
    const created = isoInstant(b.at(-3100));
    b.firm.calendarEntryEventTypes.push({ id, etag: makeEtag('event_type', id, created), created_at: created, updated_at: created, ...type });
  }

  const attorneys = b.firm.users.filter((u) => u.subscription_type === 'Attorney' && u.enabled);
  const paralegals = b.firm.users.filter((u) => u.roles.includes('Paralegal') && u.enabled);
  return { attorneys, paralegals, caseStatus, courtCaseNumber };
}

function addCustomField(b: FirmBuilder, name: string, field_type: 'picklist' | 'text_line', display_order: number): CustomField {
  const id = b.nextId('customField');
  const field: CustomField = {
    id,
    ...b.stamps('custom_field', id, b.between(-3100, -3000)),
    name,
    field_type,
    parent_type: 'Matter',
    displayed: true,
    required: false,
    display_order,
    picklist_options: [],
  };
  b.firm.customFields.push(field);
  return field;
}

/** The id of a Case Status option by its exact text. */
export function caseStatusOptionId(field: CustomField, option: string): number {
  const found = field.picklist_options.find((o) => o.option === option);
  if (!found) throw new Error(`No Case Status option "${option}"`);
  return found.id;
}

/** The demo firm's teams (Clio groups), members by name; intake routes leads to them. */
const TEAMS: ReadonlyArray<readonly [name: string, members: readonly string[]]> = [
  ['LA Personal Injury', ['Maria Lopez', 'Kelly Nguyen']],
  ['NY Family Law', ['David Chen']],
  ['Intake Desk', ['Sarah Jones']],
];

/** Adds the teams; last in generation, so the random draws before it stay what they were. */
export function addTeams(b: FirmBuilder): void {
  for (const [name, members] of TEAMS) {
    const id = b.nextId('group');
    const users = members.flatMap((member) => b.firm.users.filter((u) => u.name === member).map((u) => ({ id: u.id })));
    b.firm.groups.push({ id, ...b.stamps('group', id, b.at(-2900)), name, type: 'AdhocGroup', client_connect_user: false, users });
  }
}
