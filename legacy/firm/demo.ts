import { ADMIN_EMAIL, SARAH_EMAIL } from './reference.js';
import { AVA_DISCOVERY_MATTER_DESCRIPTION, AVA_EMAIL, BEN_EMAIL } from './scripted.js';
import type { CalendarEntry, Contact, DmsDocument, Firm, Matter, User } from './types.js';
import { FIRM_NAME } from './vocab.js';

/** Facts of the demo firm that hold for every seed and size: for docs, seeds and tests. */
export const DEMO = {
  firmName: FIRM_NAME,
  emails: { sarah: SARAH_EMAIL, admin: ADMIN_EMAIL, ava: AVA_EMAIL, ben: BEN_EMAIL },
  avaDiscoveryMatter: {
    displayNumber: '00001-Martin',
    description: AVA_DISCOVERY_MATTER_DESCRIPTION,
    practiceArea: 'Litigation',
    caseStatus: 'discovery - ongoing',
    /** Depositions taken (past) and scheduled (upcoming), as on the CMS calendar. */
    depositionsTaken: ['Jane Doe', 'Marcus Lee'],
    depositionsScheduled: ['Priya Shah'],
    transcriptsInDms: ['Jane Doe'],
    transcriptsMissing: ['Marcus Lee'],
  },
  benMatters: ['00003-Okafor', '00004-Okafor'],
  avaMatters: ['00001-Martin', '00002-Martin'],
} as const;

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo firm has no ${what}`);
  return value;
}

export function findUserByEmail(firm: Firm, email: string): User {
  return must(firm.users.find((u) => u.email === email), `user ${email}`);
}

export function findContactByEmail(firm: Firm, email: string): Contact {
  return must(firm.contacts.find((c) => c.primary_email_address === email), `contact ${email}`);
}

export function mattersOfClient(firm: Firm, email: string): Matter[] {
  const client = findContactByEmail(firm, email);
  return firm.matters.filter((m) => m.client.id === client.id);
}

export function findAvaDiscoveryMatter(firm: Firm): Matter {
  return must(firm.matters.find((m) => m.display_number === DEMO.avaDiscoveryMatter.displayNumber), 'Ava discovery matter');
}

/** Deposition calendar entries of a matter (event type `Deposition`). */
export function depositionsOf(firm: Firm, matter: Matter): CalendarEntry[] {
  const type = firm.calendarEntryEventTypes.find((t) => t.name === 'Deposition');
  return firm.calendarEntries.filter((e) => e.matter?.id === matter.id && e.calendar_entry_event_type?.id === type?.id);
}

export function documentsOf(firm: Firm, matter: Matter): DmsDocument[] {
  return firm.documents.filter((d) => d.matterNumber === matter.display_number);
}
