import type { DocumentKind } from '../entities/index.js';

/**
 * The DMS's docType spellings → document kinds. A docType is compared lowercased, punctuation
 * turned into spaces, spaces collapsed ("Depo. Trans." → "depo trans"). A spelling nobody mapped
 * is OTHER and is reported by the sync; the raw docType is kept for staff either way.
 */
const ALIASES: Readonly<Record<Exclude<DocumentKind, 'OTHER'>, readonly string[]>> = {
  DEPOSITION_TRANSCRIPT: ['deposition transcript', 'depo transcript', 'depo trans', 'deposition', 'depo', 'transcript'],
  PLEADING: ['pleading', 'pleadings', 'complaint', 'answer'],
  MOTION: ['motion', 'mot', 'motions'],
  CORRESPONDENCE: ['correspondence', 'letter', 'corr', 'email', 'e mail'],
  CONTRACT: ['contract', 'agreement', 'contracts'],
  EVIDENCE: ['evidence', 'exhibit', 'exh', 'exhibits'],
  COURT_ORDER: ['court order', 'order', 'orders'],
  INVOICE: ['invoice', 'bill'],
};

const byAlias = new Map<string, DocumentKind>(
  (Object.entries(ALIASES) as Array<[DocumentKind, readonly string[]]>).flatMap(([kind, aliases]) => aliases.map((a) => [a, kind] as const)),
);

export function normalizeDocType(docType: string): string {
  return docType.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** The kind of a docType, and whether the table knew it. */
export function documentKindOf(docType: string | null): { kind: DocumentKind; known: boolean } {
  const kind = docType === null ? undefined : byAlias.get(normalizeDocType(docType));
  return kind ? { kind, known: true } : { kind: 'OTHER', known: false };
}
