/**
 * `npm run bench:rate-limit`: what sharing the per-principal rate limit through PostgreSQL costs
 * each GraphQL operation — one `take` of SharedTokenBuckets (an upsert on identity.rate_buckets)
 * against the in-memory TokenBuckets it replaced. Sequential takes (one caller) and 32 concurrent
 * callers (distinct principals), on the embedded PGlite or on the PostgreSQL named by DATABASE_URL.
 * BENCH_TAKES sets the takes per run (default 2000).
 */
import 'reflect-metadata';
import os from 'node:os';
import { SharedTokenBuckets } from '../shared/auth/shared-token-buckets.js';
import { TokenBuckets } from '../shared/token-buckets.js';
import { createMigratedTestDatabase } from '../test/support/database.js';

const takes = Number(process.env.BENCH_TAKES ?? 2000);
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)] ?? Number.NaN;
const ms = (n: number) => `${n.toFixed(3)} ms`;

async function timed(take: (i: number) => Promise<unknown> | unknown, concurrency: number): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < takes) {
      const i = next++;
      const started = performance.now();
      await take(i);
      durations.push(performance.now() - started);
    }
  }));
  return durations;
}

const database = await createMigratedTestDatabase();
try {
  const shared = new SharedTokenBuckets(database.db.dataSource);
  const memory = new TokenBuckets();
  process.stdout.write(`${database.url.startsWith('postgres://') && process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${os.cpus().length} cores, ${takes} takes per run\n`);
  for (const [label, concurrency] of [['one caller', 1], ['32 callers', 32]] as const) {
    const key = (i: number) => (concurrency === 1 ? 'principal:bench' : `principal:bench-${i % 32}`);
    const inMemory = await timed((i) => memory.take(key(i), 1e9), concurrency);
    const started = performance.now();
    const inDatabase = await timed((i) => shared.take(key(i), 1e9), concurrency);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`${label}: in memory p50 ${ms(quantile(inMemory, 0.5))}; shared p50 ${ms(quantile(inDatabase, 0.5))}, p99 ${ms(quantile(inDatabase, 0.99))}, ${Math.round(takes / seconds)} takes/s\n`);
  }
} finally {
  await database.drop();
}
