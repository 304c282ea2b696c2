import type { EntityManager } from 'typeorm';
import type { MappingKind } from './mapping-kinds.js';

/** Notified when a mapping is added, so the worker re-processes the quarantine at once (it also polls). */
export const MAPPINGS_CHANNEL = 'casebridge_mappings';

/** How raw values are stored and compared: lowercase, punctuation as spaces, spaces collapsed ("Depo. Trans." → "depo trans"). */
export function normalizeRawValue(raw: string): string {
  return raw.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The current mapping of a kind: normalized raw value → canonical, the highest version of each raw value winning. */
export class ValueMapping {
  constructor(readonly kind: MappingKind, private readonly byRaw: ReadonlyMap<string, string>) {}

  /** The canonical value of a raw one, or undefined when nobody has mapped it. */
  canonicalOf(raw: string): string | undefined {
    return this.byRaw.get(normalizeRawValue(raw));
  }
}

/** Loads the current mapping of a kind inside the caller's transaction (one small query). */
export async function loadMapping(manager: EntityManager, kind: MappingKind): Promise<ValueMapping> {
  const rows: Array<{ raw_value: string; canonical: string }> = await manager.query(
    `SELECT DISTINCT ON (raw_value) raw_value, canonical FROM sync.value_mappings WHERE kind = $1 ORDER BY raw_value, version DESC`,
    [kind],
  );
  return new ValueMapping(kind, new Map(rows.map((r) => [r.raw_value, r.canonical])));
}

export interface AddedMapping {
  id: string;
  kind: MappingKind;
  rawValue: string;
  canonical: string;
  version: number;
  createdBy: string;
  createdAt: Date;
}

/**
 * Adds a mapping as a new row, one version above the raw value's latest (rows are never edited).
 * The caller validates the canonical value; concurrent adds of one raw value are serialized by a
 * transaction-scoped advisory lock so neither loses its version.
 */
export async function addMapping(manager: EntityManager, input: { kind: MappingKind; rawValue: string; canonical: string; createdBy: string }): Promise<AddedMapping> {
  const raw = normalizeRawValue(input.rawValue);
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`value_mapping:${input.kind}:${raw}`]);
  const [row]: Array<{ id: string; version: number; created_at: Date }> = await manager.query(
    `INSERT INTO sync.value_mappings (kind, raw_value, canonical, version, created_by)
     SELECT $1, $2, $3, COALESCE(MAX(version), 0) + 1, $4 FROM sync.value_mappings WHERE kind = $1 AND raw_value = $2
     RETURNING id, version, created_at`,
    [input.kind, raw, input.canonical, input.createdBy],
  );
  await manager.query(`SELECT pg_notify($1, $2)`, [MAPPINGS_CHANNEL, input.kind]);
  return { id: String(row!.id), kind: input.kind, rawValue: raw, canonical: input.canonical, version: row!.version, createdBy: input.createdBy, createdAt: row!.created_at };
}
