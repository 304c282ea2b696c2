/**
 * The worker as `npm start` and `npm run start:worker` run it: Agenda on PostgreSQL schedules one
 * sync job per legacy system and runs them at once, so the first import completes on its own;
 * `syncNow()` runs alongside the scheduled jobs without harm.
 */
import { createLogger } from '../shared/logger.js';
import { isInitialImportDone } from '../subgraphs/ingest/index.js';
import { startTestSimulators, type SimulatorHarness } from '../legacy/test-support.js';
import { createTestDatabase, type TestDatabase } from '../test/support/database.js';
import { waitFor } from '../test/support/processes.js';
import { firmCounts, readModelCounts, testConfig, TEST_RETRY } from './test-support.js';
import { startWorker, type Worker } from './worker.js';
import { MODULES } from '../system/modules.js';

describe('the worker', () => {
  let h: SimulatorHarness;
  let testDb: TestDatabase;
  let worker: Worker | undefined;
  let afterFirstImportCalls = 0;

  beforeAll(async () => {
    h = await startTestSimulators();
    testDb = await createTestDatabase();
    worker = await startWorker({
      modules: MODULES,
      config: testConfig({ SYNC_INTERVAL_SECONDS: '3600' }),
      databaseUrl: testDb.url,
      embedded: !process.env.DATABASE_URL,
      legacyUrls: { cms: h.sims.cms.url, dms: h.sims.dms.url, billing: h.sims.billing.url },
      logger: createLogger('worker-test', 'silent'),
      retry: TEST_RETRY,
      processEveryMs: 200,
      lockLifetimeMs: 3000,
      afterFirstImport: async () => {
        afterFirstImportCalls += 1;
      },
    });
  });

  afterAll(async () => {
    await worker?.close();
    await testDb?.drop();
    await h?.sims.close();
  });

  // The worker's own connection: on PGlite a second connection's statements could interleave with the worker's.
  const db = () => ({ dataSource: worker!.dataSource });

  it('runs the scheduled sync jobs at start, completing the first import', async () => {
    await waitFor(() => isInitialImportDone(db().dataSource), 30_000, () => 'the first import did not complete');
    const jobs: Array<{ name: string }> = await db().dataSource.query(`SELECT name FROM agenda_jobs ORDER BY name`);
    expect(jobs.map((j) => j.name)).toEqual(['intake:push', 'intake:sla', 'notifications:deliver', 'quarantine:reprocess', 'sync:billing', 'sync:cms', 'sync:dms', 'webhooks:renew']);
    // Jobs may still be storing their last page when the cursors say "imported": wait until they are done.
    await waitFor(async () => (await db().dataSource.query(`SELECT count(*)::int AS n FROM agenda_jobs WHERE last_finished_at IS NULL`))[0].n === 0, 30_000, () => 'sync jobs did not finish');
    expect(await readModelCounts(db().dataSource)).toEqual(firmCounts(h.sims.firm));
  });

  it('syncs on demand, also while a scheduled run may be going', async () => {
    const calendar = h.sims.firm.calendarEntries[0]!;
    await h.json('cms', `/api/v4/calendar_entries/${calendar.id}.json`, { method: 'PATCH', body: JSON.stringify({ data: { summary: 'Renamed hearing' } }) });
    await Promise.all([worker!.syncNow(), worker!.syncNow()]);
    const [row] = await db().dataSource.query(`SELECT title FROM matters.matter_events WHERE id = $1`, [`calendar:${calendar.id}`]);
    expect(row.title).toBe('Renamed hearing');
    expect(worker!.clients.cms.http.stats.requests).toBeGreaterThan(0);
    expect(afterFirstImportCalls).toBe(1);
  });

  it('closes cleanly, once, however often it is asked', async () => {
    const w = worker!;
    worker = undefined;
    await Promise.all([w.close(), w.close()]);
  });
});
