import type { DataSource } from 'typeorm';

interface Take {
  key: string;
  perMinute: number;
  cost: number;
  settle(wait: number): void;
  fail(error: unknown): void;
}

/**
 * The takes of one round, for every key at once. Per key: its rate and the running sums of its
 * callers' costs in arrival order ("1,2,3"); the bucket grants the largest sum it holds, so the
 * callers are served in order exactly as one take each would. Keys are locked in key order, so two
 * replicas' rounds never deadlock.
 */
const TAKE = `
  WITH input AS (
    SELECT key, per_minute, string_to_array(sums, ',')::float8[] AS sums
    FROM unnest($1::text[], $2::float8[], $3::text[]) AS i(key, per_minute, sums)
  )
  INSERT INTO identity.rate_buckets AS b (key, tokens, updated_at, last_allowed, last_granted)
  SELECT input.key, input.per_minute - grant_.granted, clock_timestamp(), grant_.granted > 0, grant_.granted
  FROM input CROSS JOIN LATERAL (SELECT coalesce(max(s), 0) AS granted FROM unnest(input.sums) s WHERE s <= input.per_minute) grant_
  ORDER BY input.key
  ON CONFLICT (key) DO UPDATE SET (tokens, last_granted, last_allowed, updated_at) = (
    SELECT t.available - t.granted, t.granted, t.granted > 0, excluded.updated_at FROM (
      SELECT a.available, (SELECT coalesce(max(s), 0) FROM unnest(i.sums) s WHERE s <= a.available) AS granted
      FROM input i CROSS JOIN LATERAL (
        SELECT least(i.per_minute, b.tokens + extract(epoch FROM excluded.updated_at - b.updated_at) * i.per_minute / 60) AS available
      ) a
      WHERE i.key = b.key
    ) t
  )
  RETURNING key, tokens, last_granted`;

/**
 * Token buckets in PostgreSQL (identity.rate_buckets), the same arithmetic as TokenBuckets
 * (shared/token-buckets.ts) but one bucket per key for every process: N gateway replicas allow the
 * rate once, not N times. Atomic under concurrent replicas (the row's lock serialises takes on one
 * key); the refill uses the database's clock, so replicas' clocks don't matter. The takes that
 * arrive while one round is in the database go together in the next round, one statement for all
 * of them (under load a statement per take was most of a cached answer's cost).
 */
export class SharedTokenBuckets {
  private lastSweep = Date.now();
  private waiting: Take[] = [];
  private scheduled = false;

  constructor(private readonly dataSource: DataSource) {}

  /** Takes `cost` tokens; resolves 0 when allowed, else the seconds until they will be there. */
  take(key: string, perMinute: number, cost = 1): Promise<number> {
    if (Date.now() - this.lastSweep > 60_000) {
      this.lastSweep = Date.now();
      // Off the request's path: a sweep that fails only leaves idle rows for the next one.
      this.sweep().catch(() => undefined);
    }
    return new Promise<number>((settle, fail) => {
      this.waiting.push({ key, perMinute, cost, settle, fail });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.round());
      }
    });
  }

  /** Forgets buckets idle for a minute (full again by then): the table follows the active callers. */
  async sweep(): Promise<void> {
    await this.dataSource.query(`DELETE FROM identity.rate_buckets WHERE updated_at < clock_timestamp() - interval '1 minute'`);
  }

  private async round(): Promise<void> {
    this.scheduled = false;
    const takes = this.waiting;
    this.waiting = [];
    const byKey = new Map<string, Take[]>();
    for (const take of takes) {
      const ofKey = byKey.get(take.key);
      if (ofKey) ofKey.push(take);
      else byKey.set(take.key, [take]);
    }
    const keys = [...byKey.keys()];
    const sums = keys.map((key) => {
      let sum = 0;
      return byKey.get(key)!.map((take) => (sum += take.cost)).join(',');
    });
    let rows: Array<{ key: string; tokens: number; last_granted: number }>;
    try {
      rows = await this.dataSource.query(TAKE, [keys, keys.map((key) => byKey.get(key)![0]!.perMinute), sums]);
    } catch (error) {
      for (const take of takes) take.fail(error);
      return;
    }
    for (const row of rows) {
      let granted = row.last_granted;
      for (const take of byKey.get(row.key) ?? []) {
        if (take.cost <= granted) {
          granted -= take.cost;
          take.settle(0);
        } else {
          granted = 0;
          take.settle(Math.max(1, Math.ceil((take.cost - row.tokens) / (take.perMinute / 60))));
        }
      }
      byKey.delete(row.key);
    }
    // Every key has its row back; should one not, its callers are refused rather than let through.
    for (const left of byKey.values()) for (const take of left) take.fail(new Error(`rate bucket ${take.key} was not taken from`));
  }
}
