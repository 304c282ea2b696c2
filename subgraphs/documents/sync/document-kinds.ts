import type { DocumentKind } from '../entities/index.js';

/**
 * The shipped DMS docType spellings of each document kind, seeded as version 1 of the
 * `document_type` value mapping (subgraphs/ingest/sync/mappings.ts). A spelling nobody mapped is never
 * guessed: the document is quarantined until staff add a mapping.
 */
export const DEFAULT_DOCUMENT_TYPE_MAPPING: Readonly<Record<DocumentKind, readonly string[]>> = {
  DEPOSITION_TRANSCRIPT: ['deposition transcript', 'depo transcript', 'depo trans', 'deposition', 'depo', 'transcript'],
  PLEADING: ['pleading', 'pleadings', 'complaint', 'answer'],
  MOTION: ['motion', 'mot', 'motions'],
  CORRESPONDENCE: ['correspondence', 'letter', 'corr', 'email', 'e mail'],
  CONTRACT: ['contract', 'agreement', 'contracts'],
  EVIDENCE: ['evidence', 'exhibit', 'exh', 'exhibits'],
  COURT_ORDER: ['court order', 'order', 'orders'],
  INVOICE: ['invoice', 'bill'],
  OTHER: ['memo', 'internal memo'],
};
