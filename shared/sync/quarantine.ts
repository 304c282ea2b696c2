import type { EntityManager } from 'typeorm';
import type { InvalidRecord } from '../legacy-http/records.js';

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

/** A valid version of these records was stored: their open shape problems are over. */
export async function resolveSuperseded(manager: EntityManager, system: string, resource: string, legacyIds: readonly string[]): Promise<void> {
  if (legacyIds.length === 0) return;
  await manager.query(
    `UPDATE sync.quarantine SET resolved_at = now(), resolution = 'SUPERSEDED'
      WHERE system = $1 AND resource = $2 AND legacy_id = ANY($3::text[]) AND resolved_at IS NULL AND reason = 'INVALID_SHAPE'`,
    [system, resource, legacyIds],
  );
}
