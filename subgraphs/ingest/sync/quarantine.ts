import type { EntityManager } from 'typeorm';
import type { InvalidRecord } from '../../../shared/legacy-http/records.js';
import type { MappingKind } from './mapping-kinds.js';
import { normalizeRawValue } from './mappings.js';

export interface QuarantineSource {
  system: string;
  /** The polling resource name (matters, calendar_entries…), also for webhook deliveries, so both paths meet on one item. */
  resource: string;
  apiVersion: string | null;
}

/**
 * Records that failed their schema (API drift): kept with their payload for staff, never in the
 * read model. A record seen again bumps its open item instead of adding one.
 */
export async function quarantineInvalid(manager: EntityManager, source: QuarantineSource, invalid: readonly InvalidRecord[]): Promise<void> {
  for (const bad of invalid) {
    await manager.query(
      `INSERT INTO sync.quarantine (system, resource, legacy_id, reason, detail, payload, api_version)
       VALUES ($1, $2, $3, 'INVALID_SHAPE', $4, $5::jsonb, $6)
       ON CONFLICT (system, resource, legacy_id) WHERE resolved_at IS NULL
       DO UPDATE SET reason = 'INVALID_SHAPE', detail = EXCLUDED.detail, payload = EXCLUDED.payload, api_version = EXCLUDED.api_version,
                     last_seen_at = now(), times_seen = sync.quarantine.times_seen + 1`,
      [source.system, source.resource, bad.id, bad.reason, JSON.stringify(bad.payload ?? null), source.apiVersion],
    );
  }
}

/**
 * A newer version of these records was stored without the problem `reason` names (INVALID_SHAPE:
 * it fits its schema again; UNMAPPED_VALUE: every value is mapped): their open items of that
 * reason are over.
 */
export async function resolveSuperseded(
  manager: EntityManager, reason: 'INVALID_SHAPE' | 'UNMAPPED_VALUE', system: string, resource: string, legacyIds: readonly string[],
): Promise<void> {
  if (legacyIds.length === 0) return;
  await manager.query(
    `UPDATE sync.quarantine SET resolved_at = now(), resolution = 'SUPERSEDED'
      WHERE system = $1 AND resource = $2 AND legacy_id = ANY($3::text[]) AND resolved_at IS NULL AND reason = $4`,
    [system, resource, legacyIds, reason],
  );
}

/** A record held back (or stored without its canonical value) because one of its values has no mapping. */
export interface UnmappedRecord {
  system: string;
  resource: string;
  legacyId: string;
  mappingKind: MappingKind;
  /** As the legacy system spelled it; stored normalized, the way mappings compare it. */
  rawValue: string;
  /** What staff read: which field, which record. */
  detail: string;
  /** The validated record, JSON-encoded so its context's schema parses it again on re-processing. */
  payload: unknown;
}

/**
 * Opens an UNMAPPED_VALUE item per record, or bumps times_seen/last_seen of the record's open one
 * (one open item per legacy record). One statement per page.
 */
export async function quarantineUnmapped(manager: EntityManager, records: readonly UnmappedRecord[]): Promise<void> {
  if (records.length === 0) return;
  const byKey = new Map(records.map((r) => [`${r.system}/${r.resource}/${r.legacyId}`, r]));
  const rows = [...byKey.values()];
  await manager.query(
    `INSERT INTO sync.quarantine (system, resource, legacy_id, reason, detail, mapping_kind, raw_value, payload)
     SELECT s, r, id, 'UNMAPPED_VALUE', d, k, v, p::jsonb
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(s, r, id, d, k, v, p)
     ON CONFLICT (system, resource, legacy_id) WHERE resolved_at IS NULL DO UPDATE
       SET reason = EXCLUDED.reason, detail = EXCLUDED.detail, mapping_kind = EXCLUDED.mapping_kind, raw_value = EXCLUDED.raw_value,
           payload = EXCLUDED.payload, last_seen_at = now(), times_seen = sync.quarantine.times_seen + 1`,
    [
      rows.map((r) => r.system), rows.map((r) => r.resource), rows.map((r) => r.legacyId), rows.map((r) => r.detail),
      rows.map((r) => r.mappingKind), rows.map((r) => normalizeRawValue(r.rawValue)), rows.map((r) => JSON.stringify(r.payload)),
    ],
  );
}

/** How many open UNMAPPED_VALUE items wait for a mapping of this kind and raw value. */
export async function countWaiting(manager: EntityManager, kind: MappingKind, rawValue: string): Promise<number> {
  const [row]: Array<{ n: number }> = await manager.query(
    `SELECT count(*)::int AS n FROM sync.quarantine WHERE resolved_at IS NULL AND reason = 'UNMAPPED_VALUE' AND mapping_kind = $1 AND raw_value = $2`,
    [kind, normalizeRawValue(rawValue)],
  );
  return row?.n ?? 0;
}
