import type { DatabaseGauge } from '../../shared/observability/metrics-database.js';

/** How far behind each legacy resource's read model is: since its last successful sync. */
export const SYNC_LAG: DatabaseGauge = {
  name: 'casebridge_sync_lag_seconds',
  help: 'Seconds since each legacy resource last synced successfully, by system and resource (absent until its first success).',
  labelNames: ['system', 'resource'],
  async read(dataSource) {
    const rows: Array<{ system: string; resource: string; lag: string }> = await dataSource.query(
      `SELECT system, resource, extract(epoch FROM now() - last_success_at) AS lag FROM sync.cursors WHERE last_success_at IS NOT NULL`,
    );
    return rows.map((r) => ({ labels: { system: r.system, resource: r.resource }, value: Math.max(0, Number(r.lag)) }));
  },
};

/** Records kept out of the read model until someone maps their value or they are fixed upstream. */
export const QUARANTINE_SIZE: DatabaseGauge = {
  name: 'casebridge_quarantine_items',
  help: 'Unresolved quarantined legacy records, by system, resource and reason (INVALID_SHAPE, UNMAPPED_VALUE).',
  labelNames: ['system', 'resource', 'reason'],
  async read(dataSource) {
    const rows: Array<{ system: string; resource: string; reason: string; n: string }> = await dataSource.query(
      `SELECT system, resource, reason, count(*) AS n FROM sync.quarantine WHERE resolved_at IS NULL GROUP BY system, resource, reason`,
    );
    return rows.map((r) => ({ labels: { system: r.system, resource: r.resource, reason: r.reason }, value: Number(r.n) }));
  },
};

export const INGEST_METRICS: readonly DatabaseGauge[] = [SYNC_LAG, QUARANTINE_SIZE];
