/**
 * The in-memory model of the demo firm, shared by the three simulators. Records hold references
 * as ids (the simulators render nested objects on the way out); money is integer cents;
 * timestamps are ISO 8601 strings exactly as the legacy systems would send them (mixed offsets
 * included).
 */

export type IsoDateTime = string;
/** A reference to another record, written as Clio writes nested references. */
export interface Ref {
  id: number;
}
/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

interface Timestamps {
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
}

interface Versioned extends Timestamps {
  id: number;
  etag: string;
}

export type SubscriptionType = 'Attorney' | 'NonAttorney';

export interface User extends Versioned {
  name: string;
  first_name: string;
  last_name: string;
  initials: string;
  email: string;
  enabled: boolean;
  subscription_type: SubscriptionType;
  roles: string[];
  time_zone: string;
}

/** A Clio group (`AdhocGroup`: a team the firm made) and its members. */
export interface Group extends Versioned {
  name: string;
  type: 'UserGroup' | 'AdhocGroup' | 'AccountGroup' | 'TeamGroup';
  client_connect_user: boolean;
  users: Array<{ id: number }>;
}

export type ContactType = 'Person' | 'Company';

export interface Contact extends Versioned {
  name: string;
  first_name: string | null;
  last_name: string | null;
  type: ContactType;
  primary_email_address: string | null;
  primary_phone_number: string | null;
  is_client: boolean;
}

export interface PracticeArea extends Versioned {
  name: string;
  code: string | null;
}

export interface PicklistOption extends Versioned {
  option: string;
  deleted_at: IsoDateTime | null;
}

export type CustomFieldType = 'picklist' | 'text_line' | 'date';

export interface CustomField extends Versioned {
  name: string;
  field_type: CustomFieldType;
  parent_type: 'Matter' | 'Contact';
  displayed: boolean;
  required: boolean;
  display_order: number;
  picklist_options: PicklistOption[];
}

/** A value on a matter; for picklists `value` is the picklist option id, as in Clio. */
export interface CustomFieldValue extends Timestamps {
  /** Clio-style string id, e.g. `picklist-3000123`. */
  id: string;
  etag: string;
  custom_field: Ref;
  value: string | number | null;
}

export type MatterStatus = 'Open' | 'Pending' | 'Closed';

export interface Matter extends Versioned {
  number: number;
  display_number: string;
  description: string | null;
  status: MatterStatus;
  billable: boolean;
  client: Ref;
  practice_area: Ref | null;
  responsible_attorney: Ref | null;
  open_date: IsoDate | null;
  pending_date: IsoDate | null;
  close_date: IsoDate | null;
  custom_field_values: CustomFieldValue[];
}

export interface CalendarEntryEventType extends Versioned {
  name: string;
  color: string;
}

/** Ids are numbers here; Clio serialises calendar entry ids as strings. */
export interface CalendarEntry extends Versioned {
  summary: string;
  description: string | null;
  location: string | null;
  start_at: IsoDateTime;
  end_at: IsoDateTime | null;
  all_day: boolean;
  matter: Ref | null;
  calendar_entry_event_type: Ref | null;
  calendar_owner_id: number | null;
}

export type TaskStatus = 'pending' | 'in_progress' | 'in_review' | 'complete';
export type TaskPriority = 'High' | 'Normal' | 'Low';

export interface Task extends Versioned {
  name: string;
  description: string | null;
  status: TaskStatus;
  priority: TaskPriority;
  due_at: IsoDate | null;
  completed_at: IsoDateTime | null;
  matter: Ref | null;
  assignee: Ref | null;
}

export type ActivityType = 'TimeEntry';

/** Time recorded on a matter. Stored in seconds; Clio shows `quantity` in hours up to API 4.0.3. */
export interface Activity extends Versioned {
  type: ActivityType;
  date: IsoDate;
  quantity_seconds: number;
  note: string | null;
  matter: Ref;
  user: Ref | null;
}

/** A DMS document. `seq` orders the store; `id` is the DMS's own string id. */
export interface DmsDocument {
  seq: number;
  id: string;
  name: string;
  matterNumber: string;
  docType: string;
  attributes: Record<string, string>;
  tags: string[];
  version: number;
  created: IsoDateTime;
  modified: IsoDateTime;
  size: number;
  contentType: 'application/pdf';
  /** Exact bytes for uploaded documents; generated documents get their PDF rendered on download. */
  content?: Uint8Array;
}

export type BillState = 'draft' | 'awaiting_approval' | 'awaiting_payment' | 'paid' | 'void';

export interface Bill extends Versioned {
  number: string;
  subject: string | null;
  issued_at: IsoDate;
  due_at: IsoDate;
  state: BillState;
  currency: 'USD';
  total_cents: number;
  paid_cents: number;
  paid_at: IsoDateTime | null;
  client: Ref;
  matters: Ref[];
}

export interface Payment extends Versioned {
  bill: Ref;
  amount_cents: number;
  date: IsoDateTime;
}

export interface Firm {
  name: string;
  seed: number;
  /** The anchor every generated date is relative to (midnight UTC of the generation day). */
  anchor: IsoDateTime;
  users: User[];
  contacts: Contact[];
  practiceAreas: PracticeArea[];
  customFields: CustomField[];
  matters: Matter[];
  calendarEntryEventTypes: CalendarEntryEventType[];
  calendarEntries: CalendarEntry[];
  tasks: Task[];
  activities: Activity[];
  documents: DmsDocument[];
  bills: Bill[];
  payments: Payment[];
  /** Clio `groups`: the firm's teams and the users in each. */
  groups: Group[];
}

export type FirmSize = 'demo' | 'large' | { matters: number; documents: number; bills: number };
