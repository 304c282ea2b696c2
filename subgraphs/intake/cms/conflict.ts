import type { CmsContact, IntakeCmsClient } from './client.js';

/** Honorifics, suffixes and company forms a paralegal ignores when comparing names. */
const NOISE = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'jr', 'sr', 'ii', 'iii', 'iv', 'esq', 'inc', 'llc', 'llp', 'ltd', 'co', 'corp', 'corporation', 'company', 'the', 'pc', 'pllc']);

/** A name as a paralegal compares it: no case, accents, punctuation, honorifics or company forms; "Last, First" turned round; word order ignored. */
export function normalizeName(name: string): string {
  const turned = /^([^,]+),\s*([^,]+)$/.test(name.trim()) ? name.trim().replace(/^([^,]+),\s*([^,]+)$/, '$2 $1') : name;
  const words = turned.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim().split(/\s+/);
  return words.filter((w) => w.length > 0 && !NOISE.has(w)).sort().join(' ');
}

/** The word to search the CMS by: the longest significant one (Clio's `query` is a substring match). */
function searchWord(name: string): string | null {
  const words = normalizeName(name).split(' ').filter((w) => w.length >= 2);
  return words.sort((a, b) => b.length - a.length)[0] ?? null;
}

export interface ConflictOutcome {
  conflict: boolean;
  /** The existing client the opposing party matched, by its CMS name. */
  matchedClient: string | null;
  /** The prospect's own existing contact (same email), if any. */
  existingContact: CmsContact | null;
}

/**
 * The conflict check before anything is promised: the opposing party against the CMS's contacts
 * that are clients (a current client on the other side is a conflict), and the prospect by email
 * (an existing contact is reused, not duplicated). At most 2 requests.
 */
export async function checkConflict(cms: IntakeCmsClient, prospect: { email: string }, opposingParty: string | null): Promise<ConflictOutcome> {
  const byEmail = await cms.searchContacts(prospect.email);
  const existingContact = byEmail.find((c) => c.primary_email_address?.toLowerCase() === prospect.email.toLowerCase()) ?? null;
  if (!opposingParty) return { conflict: false, matchedClient: null, existingContact };
  const word = searchWord(opposingParty);
  if (word === null) return { conflict: false, matchedClient: null, existingContact };
  const wanted = normalizeName(opposingParty);
  const candidates = await cms.searchContacts(word);
  const client = candidates.find((c) => c.is_client === true && normalizeName(c.name) === wanted);
  return { conflict: client !== undefined, matchedClient: client?.name ?? null, existingContact };
}
