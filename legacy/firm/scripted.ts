import type { FirmBuilder } from './builder.js';
import { caseStatusOptionId, type ReferenceData } from './reference.js';
import { isoDate, isoWithOffset } from './time.js';
import type { CalendarEntry, Contact, Matter, User } from './types.js';

export const AVA_EMAIL = 'ava.martin@example.com';
export const BEN_EMAIL = 'ben.okafor@example.com';
export const AVA_DISCOVERY_MATTER_DESCRIPTION = 'Martin v. Harbor Logistics Inc. - wrongful termination';

const refOf = (id: number | null) => (id === null ? null : { id });

/** Helpers shared by the scripted story: look up reference rows by name. */
function lookups(b: FirmBuilder) {
  const area = (name: string) => b.firm.practiceAreas.find((p) => p.name === name)?.id ?? null;
  const eventType = (name: string) => b.firm.calendarEntryEventTypes.find((t) => t.name === name)?.id ?? null;
  const user = (email: string): User => {
    const found = b.firm.users.find((u) => u.email === email);
    if (!found) throw new Error(`No user ${email}`);
    return found;
  };
  return { area, eventType, user };
}

function person(b: FirmBuilder, first: string, last: string, email: string | null, isClient: boolean, createdDays: number): Contact {
  if (email) b.claimEmail(email);
  return b.addContact(
    {
      name: `${first} ${last}`,
      first_name: first,
      last_name: last,
      type: 'Person',
      primary_email_address: email,
      primary_phone_number: email ? b.faker.phone.number({ style: 'national' }) : null,
      is_client: isClient,
    },
    b.at(createdDays),
  );
}

/**
 * The story the demo tells: Ava Martin's litigation is in discovery, two depositions were taken
 * (Jane Doe's transcript is in the DMS, Marcus Lee's is not yet), one more is coming; Ben Okafor
 * has an upcoming hearing; both have documents and bills, some paid, some not.
 */
export function addScriptedClients(b: FirmBuilder, ref: ReferenceData): void {
  const { area, eventType, user } = lookups(b);
  const sarah = user('sarah.jones@smithjones.example');
  const robert = user('robert.smith@smithjones.example');
  const maria = user('maria.lopez@smithjones.example');
  const tom = user('tom.becker@smithjones.example');
  const status = (option: string) => caseStatusOptionId(ref.caseStatus, option);

  const ava = person(b, 'Ava', 'Martin', 'ava.martin@example.com', true, -400);
  const ben = person(b, 'Ben', 'Okafor', 'ben.okafor@example.com', true, -380);
  person(b, 'Jane', 'Doe', null, false, -200);
  person(b, 'Marcus', 'Lee', 'mlee@harborlogistics.example', false, -200);
  person(b, 'Priya', 'Shah', null, false, -150);

  const matter = (client: Contact, description: string | null, practiceArea: string | null, attorney: User, caseStatus: string, openDays: number, closed = false, courtNo?: string): Matter => {
    const createdMs = b.at(openDays, 540);
    const values = [b.customFieldValue('picklist', ref.caseStatus.id, status(caseStatus), createdMs)];
    if (courtNo) values.push(b.customFieldValue('text_line', ref.courtCaseNumber.id, courtNo, createdMs));
    return b.addMatter(
      {
        description,
        status: closed ? 'Closed' : 'Open',
        billable: true,
        client: { id: client.id },
        practice_area: practiceArea ? refOf(area(practiceArea)) : null,
        responsible_attorney: { id: attorney.id },
        open_date: isoDate(createdMs),
        pending_date: null,
        close_date: closed ? isoDate(b.at(-45)) : null,
        custom_field_values: values,
      },
      client,
      createdMs,
    );
  };

  const avaLit = matter(ava, AVA_DISCOVERY_MATTER_DESCRIPTION, 'Litigation', sarah, 'discovery - ongoing', -210, false, 'CV-2291-04417');
  const avaEstate = matter(ava, 'Martin - will and trust update', 'Estate Planning', maria, 'Engaged', -120);
  const benLease = matter(ben, 'Okafor v. Crestview Property Mgmt (Elm St. lease)', 'Real Estate', sarah, 'Pleadings Filed', -150, false, 'CV-2291-02280');
  const benEmployment = matter(ben, 'Okafor - employment agreement review', null, robert, 'settled/closed', -330, true);

  const entry = (m: Matter, type: string, summary: string, days: number, minutes: number, offset: number, hours: number | null, location: string | null, allDay = false): CalendarEntry =>
    b.addCalendarEntry(
      {
        summary,
        description: null,
        location,
        start_at: allDay ? isoDate(b.at(days)) + 'T00:00:00Z' : isoWithOffset(b.at(days, minutes - offset), offset),
        end_at: hours === null ? null : isoWithOffset(b.at(days, minutes - offset + hours * 60), offset),
        all_day: allDay,
        matter: { id: m.id },
        calendar_entry_event_type: refOf(eventType(type)),
        calendar_owner_id: sarah.id,
      },
      b.at(Math.min(days, 0) - 20),
    );
  entry(avaLit, 'Hearing', 'Case Management Conference', -60, 540, -300, 1, 'Superior Court, Dept. 12');
  entry(avaLit, 'Deposition', 'Deposition of Jane Doe', -35, 600, -300, 3, 'Harbor Logistics counsel - 200 Main St');
  entry(avaLit, 'Deposition', 'Deposition of Marcus Lee', -9, 810, -480, null, null);
  entry(avaLit, 'Deposition', 'Deposition of Priya Shah', 12, 540, 0, 2, 'Zoom');
  entry(avaLit, 'Hearing', 'Hearing - Motion to Compel', 21, 510, -300, 1, 'Superior Court, Dept. 12');
  entry(avaEstate, 'Meeting', 'Will signing with Ava', 15, 840, -300, 1, 'Smith & Jones - Conf. Room A');
  entry(benLease, 'Hearing', 'Status hearing', -30, 570, -300, 1, 'County Courthouse Rm 301');
  entry(benLease, 'Hearing', 'Hearing on preliminary injunction', 8, 600, -300, 2, 'County Courthouse Rm 301');
  entry(benLease, 'Deadline', 'Response to counterclaim due', 5, 0, 0, null, null, true);

  const task = (m: Matter, name: string, dueDays: number, assignee: User, done = false) =>
    b.addTask(
      { name, description: null, status: done ? 'complete' : 'pending', priority: 'Normal', due_at: isoDate(b.at(dueDays)), completed_at: done ? isoDate(b.at(dueDays)) + 'T17:00:00Z' : null, matter: { id: m.id }, assignee: { id: assignee.id } },
      b.at(Math.min(dueDays, 0) - 10),
    );
  task(avaLit, 'Order deposition transcript - Marcus Lee', 3, tom);
  task(avaLit, 'File transcript of Jane Doe depo', -25, tom, true);
  task(benLease, 'Draft response to counterclaim', 4, sarah);

  const doc = (m: Matter, name: string, docType: string, days: number, attributes: Record<string, string> = {}, tags: string[] = []) =>
    b.addDocument({ name, matterNumber: m.display_number, docType, attributes, tags }, b.at(days, 600));
  doc(avaLit, 'Complaint - Martin v Harbor Logistics.pdf', 'PLEADING', -205, {}, ['pleadings']);
  doc(avaLit, 'Answer of Defendant Harbor Logistics.pdf', 'Pleading', -170);
  doc(avaLit, 'Notice of Deposition - Marcus Lee.pdf', 'corr.', -40, { deponent: 'Marcus Lee' });
  doc(avaLit, 'Doe J depo transcript.pdf', 'depo transcript', -28, { deponent: 'jane doe' }, ['discovery', 'transcript']);
  doc(avaLit, 'Motion to Compel Production.pdf', 'Mot.', -14);
  doc(avaLit, 'Letter to Ava re discovery status.pdf', 'Letter', -12);
  doc(avaEstate, 'Draft will - Martin.pdf', 'Agreement', -60);
  doc(avaEstate, 'Engagement letter.pdf', 'Correspondence', -118);
  doc(benLease, 'Complaint - Okafor v Crestview.pdf', 'PLEADING', -145);
  doc(benLease, 'Elm St lease 2021.pdf', 'Contract', -149, {}, ['lease']);
  doc(benLease, 'Photos of unit damage.pdf', 'Evidence', -140);
  doc(benEmployment, 'Employment Agreement - Okafor.pdf', 'Agreement', -320);
  doc(benEmployment, 'Settlement Agreement (signed).pdf', 'contract', -50);

  const bill = (m: Matter, client: Contact, number: string, totalCents: number, issuedDays: number, state: 'draft' | 'awaiting_payment') =>
    b.addBill(
      { number, subject: m.description, issued_at: isoDate(b.at(issuedDays)), due_at: isoDate(b.at(issuedDays + 30)), state, currency: 'USD', total_cents: totalCents, client: { id: client.id }, matters: [{ id: m.id }] },
      b.at(issuedDays, 600),
    );
  b.addPayment(bill(avaLit, ava, '1001', 250_000, -90, 'awaiting_payment'), 250_000, b.at(-70, 900));
  bill(avaLit, ava, '1002', 123_450, -20, 'awaiting_payment');
  bill(avaEstate, ava, '1003', 80_000, -2, 'draft');
  b.addPayment(bill(benLease, ben, '1004', 300_000, -60, 'awaiting_payment'), 225_000, b.at(-40, 660));
  b.addPayment(bill(benEmployment, ben, '1005', 180_000, -100, 'awaiting_payment'), 180_000, b.at(-85, 720));
}
