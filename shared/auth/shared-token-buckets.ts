import type { DataSource } from 'typeorm';

/**
 * Token buckets in PostgreSQL (identity.rate_buckets), the same arithmetic as TokenBuckets
 * (shared/token-buckets.ts) but one bucket per key for every process: N gateway replicas allow the
 * rate once, not N times. One statement per take, atomic under concurrent replicas (the row's lock
 * serialises takes on one key); the refill uses the database's clock, so replicas' clocks don't matter.
 */
export class SharedTokenBuckets {
  private lastSweep = Date.now();

  constructor(private readonly dataSource: DataSource) {}

  /** Takes `cost` tokens; returns 0 when allowed, else the seconds until they will be there. */
  async take(key: string, perMinute: number, cost = 1): Promise<number> {
    if (Date.now() - this.lastSweep > 60_000) {
      this.lastSweep = Date.now();
      // Off the request's path: a sweep that fails only leaves idle rows for the next one.
      this.sweep().catch(() => undefined);
    }
    const [row] = (await this.dataSource.query(
      `INSERT INTO identity.rate_buckets AS b (key, tokens, updated_at, last_allowed)
       VALUES ($1, CASE WHEN $2::float8 >= $3::float8 THEN $2::float8 - $3::float8 ELSE $2::float8 END, clock_timestamp(), $2::float8 >= $3::float8)
       ON CONFLICT (key) DO UPDATE SET
         tokens = least($2::float8, b.tokens + extract(epoch FROM excluded.updated_at - b.updated_at) * $2::float8 / 60)
                  - CASE WHEN least($2::float8, b.tokens + extract(epoch FROM excluded.updated_at - b.updated_at) * $2::float8 / 60) >= $3::float8 THEN $3::float8 ELSE 0 END,
         last_allowed = least($2::float8, b.tokens + extract(epoch FROM excluded.updated_at - b.updated_at) * $2::float8 / 60) >= $3::float8,
         updated_at = excluded.updated_at
       RETURNING tokens, last_allowed`,
      [key, perMinute, cost],
    )) as Array<{ tokens: number; last_allowed: boolean }>;
    if (!row || row.last_allowed) return 0;
    return Math.max(1, Math.ceil((cost - row.tokens) / (perMinute / 60)));
  }

  /** Forgets buckets idle for a minute (full again by then): the table follows the active callers. */
  async sweep(): Promise<void> {
    await this.dataSource.query(`DELETE FROM identity.rate_buckets WHERE updated_at < clock_timestamp() - interval '1 minute'`);
  }
}
