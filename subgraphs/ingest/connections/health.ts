import type { DataSource } from 'typeorm';
import type { ConnectionStatus } from './LegacyConnection.js';
import { CLIO_PROVIDER } from './tokens.js';

/** The systems behind the Clio connection. */
const CLIO_SYSTEMS = ['cms', 'billing'];

export interface ConnectionHealth { provider: string; status: ConnectionStatus; connectedAt: Date | null; revokedAt: Date | null }

/**
 * Per system, its OAuth connection as syncHealth shows it; a system that uses a static token
 * (CLIO_CLIENT_ID unset, or not a Clio system) has none.
 */
export async function connectionHealth(dataSource: DataSource, clioConfigured: boolean): Promise<(system: string) => ConnectionHealth | null> {
  if (!clioConfigured) return () => null;
  const rows: Array<{ status: ConnectionStatus; connected_at: Date | null; revoked_at: Date | null }> = await dataSource.query(
    `SELECT status, connected_at, revoked_at FROM "sync"."legacy_connections" WHERE provider = $1`, [CLIO_PROVIDER],
  );
  const row = rows[0];
  const health: ConnectionHealth = { provider: CLIO_PROVIDER, status: row?.status ?? 'NOT_CONNECTED', connectedAt: row?.connected_at ?? null, revokedAt: row?.revoked_at ?? null };
  return (system) => (CLIO_SYSTEMS.includes(system) ? health : null);
}
