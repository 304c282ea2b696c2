/**
 * The firm's IT watches the first import instead of waiting in the dark: while it runs, staff's
 * syncHealth shows each resource's records and pages done against what the legacy system says it
 * holds, and once it is done those figures end equal, with nothing left.
 */
import { startIngestSubgraph } from '../subgraphs/ingest/server.js';
import type { RunningServer } from '../shared/graphql/subgraph-server.js';
import { startSyncHarness, testConfig, type SyncHarness } from '../worker/test-support.js';
import { principals } from './support/firm.js';
import { querySubgraph } from './support/graphql.js';
import { createLogger } from '../shared/logger.js';

const HEALTH = `{ syncHealth { system resources { resource progress { recordsDone pagesDone recordsTotal estimatedSecondsLeft rateLimitWaitMs startedAt finishedAt } } } }`;

interface Progress { recordsDone: number; pagesDone: number; recordsTotal: number | null; estimatedSecondsLeft: number | null; rateLimitWaitMs: number; startedAt: string; finishedAt: string | null }
interface Health { syncHealth: Array<{ system: string; resources: Array<{ resource: string; progress: Progress | null }> }> }

describe('first-import progress in syncHealth', () => {
  // Small pages: every resource with more than 25 records is read in several.
  const env = { SYNC_PAGE_SIZE: '25' };
  const config = testConfig(env);
  let s: SyncHarness;
  let ingest: RunningServer;

  beforeAll(async () => {
    s = await startSyncHarness({ env });
    ingest = await startIngestSubgraph({ config, dataSource: s.dataSource, logger: createLogger('test', 'silent'), port: 0 });
  });
  afterAll(async () => {
    await ingest?.close();
    await s?.close();
  });

  const health = async () => (await querySubgraph<Health>(ingest.url, principals.sarah, config, HEALTH)).syncHealth
    .flatMap(({ system, resources }) => resources.map((r) => ({ key: `${system}/${r.resource}`, progress: r.progress })));

  it('shows records, pages and totals while the import runs, and totals that end equal', async () => {
    expect((await health()).every((r) => r.progress === null)).toBe(true);
    // After the first page of each resource (the import waits for this look): what staff see mid-import.
    const midway = new Map<string, Progress>();
    s.ctx.onProgress = async (p) => {
      if (p.pagesDone !== 1 || p.finishedAt) return;
      const key = `${p.system}/${p.resource}`;
      const seen = (await health()).find((r) => r.key === key);
      if (seen?.progress) midway.set(key, seen.progress);
    };
    await s.syncAll();

    expect([...midway.keys()].sort()).toEqual((await health()).map((r) => r.key).sort());
    for (const [key, p] of midway) expect({ key, finished: p.finishedAt, pages: p.pagesDone, total: p.recordsTotal }).toEqual({ key, finished: null, pages: 1, total: expect.any(Number) });
    // Resources read in several pages showed what was left after their first.
    const paged = [...midway.values()].filter((p) => p.recordsDone < p.recordsTotal!);
    expect(paged.length).toBeGreaterThan(0);
    for (const p of paged) expect(p.estimatedSecondsLeft).not.toBeNull();

    const end = await health();
    expect(end.length).toBeGreaterThan(0);
    for (const { key, progress } of end) {
      expect({ key, done: progress?.recordsDone, total: progress?.recordsTotal, left: progress?.estimatedSecondsLeft })
        .toEqual({ key, done: progress?.recordsTotal, total: expect.any(Number), left: 0 });
      expect(progress!.finishedAt).not.toBeNull();
      expect(progress!.pagesDone).toBeGreaterThanOrEqual(1);
    }
  });
});
