/**
 * One outbox dispatcher per process: a single LISTEN connection wakes each consumer on its own
 * channel, a consumer's runs never overlap, and a NOTIFY during a run asks for one more run.
 */
import pg from 'pg';
import { createLogger } from '../logger.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { waitFor } from '../../test/support/processes.js';
import { startOutboxDispatcher, type OutboxDispatcher } from './dispatcher.js';

const HOUR = 3_600_000;
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('the outbox dispatcher', () => {
  let testDb: TestDatabase;
  let dispatcher: OutboxDispatcher;
  let notifier: pg.Client;
  const runs = { a: 0, b: 0, slow: 0 };
  let running = 0;
  let maxRunning = 0;
  let release: (() => void) | undefined;
  let ending = false;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    notifier = new pg.Client({ connectionString: testDb.url });
    await notifier.connect();
    dispatcher = startOutboxDispatcher({ databaseUrl: testDb.url, embedded: false, logger: createLogger('test', 'silent') });
    // Polls an hour apart: only a NOTIFY (or the wake-up on being added) runs them.
    dispatcher.add({ name: 'a', channel: 'test_a', pollMs: HOUR, run: async () => { runs.a += 1; } });
    dispatcher.add({ name: 'b', channel: 'test_b', pollMs: HOUR, run: async () => { runs.b += 1; } });
    dispatcher.add({
      name: 'slow', channel: 'test_slow', pollMs: HOUR,
      run: async () => {
        runs.slow += 1;
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        if (!ending) await new Promise<void>((resolve) => { release = resolve; });
        running -= 1;
      },
    });
  });
  afterAll(async () => {
    ending = true;
    release?.();
    await notifier?.end();
    await dispatcher?.close();
    await testDb?.drop();
  });

  const listeners = async () => {
    const { rows } = await notifier.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`);
    return rows[0]!.n;
  };

  it('listens for every consumer on one connection and wakes the consumer of the notified channel', async () => {
    await waitFor(async () => runs.a > 0 && runs.b > 0 && (await listeners()) === 1, 10_000, () => `runs ${JSON.stringify(runs)}`);
    const before = runs.b;
    await notifier.query(`NOTIFY test_b`);
    await waitFor(async () => runs.b > before, 10_000, () => 'consumer b was not woken by its NOTIFY');
    expect(await listeners()).toBe(1);
  });

  it('never overlaps a consumer\'s runs, and runs once more after a NOTIFY that came during a run', async () => {
    await waitFor(async () => running === 1, 10_000, () => 'the slow consumer did not start');
    const started = runs.slow;
    for (let i = 0; i < 3; i++) await notifier.query(`NOTIFY test_slow`);
    release!();
    await waitFor(async () => runs.slow > started && running === 1, 10_000, () => 'no run followed the NOTIFYs');
    expect(maxRunning).toBe(1);
  });
});
