import { dmsDocumentId } from '../firm/builder.js';
import type {
  Activity,
  Bill,
  CalendarEntry,
  CalendarEntryEventType,
  Contact,
  CustomField,
  DmsDocument,
  Firm,
  Group,
  Matter,
  Payment,
  PracticeArea,
  Task,
  User,
} from '../firm/types.js';
import { Table } from './table.js';

/** The firm, indexed, as the three simulators read and write it (one store shared by all). */
export interface Store {
  firm: Firm;
  users: Table<User>;
  contacts: Table<Contact>;
  practiceAreas: Table<PracticeArea>;
  customFields: Table<CustomField>;
  matters: Table<Matter>;
  eventTypes: Table<CalendarEntryEventType>;
  calendarEntries: Table<CalendarEntry>;
  tasks: Table<Task>;
  activities: Table<Activity>;
  documents: Table<DmsDocument, string>;
  bills: Table<Bill>;
  payments: Table<Payment>;
  groups: Table<Group>;
  /** Next id for a table (its largest id + 1). */
  nextId<T>(table: Table<T>): number;
  nextCustomFieldValueId(kind: string): string;
  nextDocumentKey(): { seq: number; id: string };
}

function byId<T extends { id: number }>(rows: T[]): Table<T> {
  return new Table(rows, (r) => r.id, (r) => r.id);
}

export function createStore(firm: Firm): Store {
  let cfvCounter = 0;
  for (const matter of firm.matters) {
    for (const value of matter.custom_field_values) {
      cfvCounter = Math.max(cfvCounter, Number(value.id.split('-').pop()));
    }
  }
  const documents = new Table(firm.documents, (d) => d.id, (d) => d.seq);
  return {
    firm,
    users: byId(firm.users),
    contacts: byId(firm.contacts),
    practiceAreas: byId(firm.practiceAreas),
    customFields: byId(firm.customFields),
    matters: byId(firm.matters),
    eventTypes: byId(firm.calendarEntryEventTypes),
    calendarEntries: byId(firm.calendarEntries),
    tasks: byId(firm.tasks),
    activities: byId(firm.activities),
    documents,
    bills: byId(firm.bills),
    payments: byId(firm.payments),
    groups: byId(firm.groups),
    nextId: (table) => table.maxOrder() + 1,
    nextCustomFieldValueId: (kind) => `${kind}-${++cfvCounter}`,
    nextDocumentKey: () => {
      const seq = documents.maxOrder() + 1;
      return { seq, id: dmsDocumentId(seq) };
    },
  };
}
