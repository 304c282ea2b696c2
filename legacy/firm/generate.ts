import { addActivities } from './activities.js';
import { FirmBuilder } from './builder.js';
import { addRandomBills, addRandomCalendar, addRandomContacts, addRandomDocuments, addRandomMatters } from './filler.js';
import { addReferenceData, addTeams } from './reference.js';
import { addScriptedClients } from './scripted.js';
import { firmCounts } from './size.js';
import { startOfUtcDay } from './time.js';
import type { Firm, FirmSize } from './types.js';

export interface GenerateFirmOptions {
  seed: number;
  size?: FirmSize;
  /** Dates are generated relative to this day (default: today, UTC): same seed and day, same firm. */
  now?: Date;
}

/**
 * Generates Smith & Jones LLP: a scripted story (Ava Martin, Ben Okafor) plus realistically messy
 * filler, deterministic for a seed and an anchor day. Documents carry no bytes: the DMS renders
 * their PDFs on download.
 */
export function generateFirm(options: GenerateFirmOptions): Firm {
  const counts = firmCounts(options.size ?? 'demo');
  const b = new FirmBuilder(options.seed, startOfUtcDay(options.now ?? new Date()));
  const ref = addReferenceData(b, Math.floor(counts.matters / 300));
  addScriptedClients(b, ref);

  const scripted = {
    matters: b.firm.matters.length,
    documents: b.firm.documents.length,
    bills: b.firm.bills.length,
  };
  const randomMatters = Math.max(0, counts.matters - scripted.matters);
  const clients = Math.max(1, Math.round(randomMatters / 1.6));
  const clientContacts = addRandomContacts(b, clients, Math.ceil(clients * 0.3));
  const matters = addRandomMatters(b, ref, clientContacts, randomMatters);
  addRandomCalendar(b, ref, matters);
  addRandomDocuments(b, matters, Math.max(0, counts.documents - scripted.documents));
  addRandomBills(b, matters, Math.max(0, counts.bills - scripted.bills), 1001 + scripted.bills);
  addActivities(b);
  addTeams(b);
  return b.firm;
}
