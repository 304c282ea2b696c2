import { DOCUMENT_KINDS } from '../../documents/entities/Document.js';
import { CASE_STATUSES } from '../../matters/case-statuses.js';

/** Each kind of value mapping and the canonical values it may map to. */
export const MAPPING_KINDS = {
  case_status: CASE_STATUSES,
  document_type: DOCUMENT_KINDS,
} as const satisfies Record<string, readonly string[]>;

export type MappingKind = keyof typeof MAPPING_KINDS;
export const MAPPING_KIND_NAMES = Object.keys(MAPPING_KINDS) as MappingKind[];

export const isCanonical = (kind: MappingKind, value: string): boolean => (MAPPING_KINDS[kind] as readonly string[]).includes(value);
