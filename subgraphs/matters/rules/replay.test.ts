/**
 * The dry run over a long history comes in bounded pages that add up to the whole: 2,500 matters
 * opened (more than one chunk of events) read as pages of at most `first` decisions, a page that
 * ends inside a chunk resumes at the next decision, and the command line pages through them all.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { recordEvents } from '../../../shared/events/index.js';
import { createMigratedTestDatabase } from '../../../test/support/database.js';
import { opened } from '../../../test/support/rules-seed.js';
import { replayRulesPage, type ReplayPage, type ReplayPageOptions } from './replay.js';

const MATTERS = 2500;
const ids = Array.from({ length: MATTERS }, (_, i) => `rp${String(i).padStart(4, '0')}`);

describe('rules replay in pages', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  const since = new Date(Date.now() - 86_400_000);
  const all = async (options: Omit<ReplayPageOptions, 'since' | 'after'>) => {
    const pages: ReplayPage[] = [];
    let after: ReplayPageOptions['after'] = null;
    do {
      const page = await replayRulesPage(testDb.db.dataSource, { since, after, ...options });
      pages.push(page);
      after = page.next;
      if (pages.length > 10) throw new Error('the replay never ends');
    } while (after);
    return pages;
  };

  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    const ds = testDb.db.dataSource;
    await ds.query(`INSERT INTO matters.clients (id, name, email, kind, legacy_updated_at) SELECT 'c-' || id, 'Client ' || id, NULL, 'Person', now() FROM unnest($1::text[]) AS id`, [ids]);
    await ds.query(`INSERT INTO matters.matters (id, number, title, legacy_status, client_id, legacy_updated_at) SELECT id, 'N-' || id, 'Matter ' || id, 'Open', 'c-' || id, now() FROM unnest($1::text[]) AS id`, [ids]);
    await ds.transaction((m) => recordEvents(m, ids.map((id) => opened({ id, number: `N-${id}`, title: `Matter ${id}`, clientId: `c-${id}` }, new Date()))));
  }, 60_000);
  afterAll(() => testDb?.drop());

  it('returns at most `first` decisions per page, and the pages add up to every decision once', async () => {
    const pages = await all({ first: 1000 });
    expect(pages.map((p) => p.decisions.length)).toEqual([1000, 1000, 500]);
    const matters = pages.flatMap((p) => p.decisions.map((d) => d.matterId));
    expect(new Set(matters).size).toBe(MATTERS);
    expect(pages.flatMap((p) => p.decisions.map((d) => d.rule)).every((rule) => rule === 'matter-opened')).toBe(true);
  });

  it('ends a page after maxEvents events once it has a decision, when the caller sees few matters', async () => {
    const seen = new Set([ids[5]!, ids[2400]!]);
    const pages = await all({ first: 1000, maxEvents: 1, visible: async (matterIds) => new Set(matterIds.filter((id) => seen.has(id))) });
    expect(pages.map((p) => p.decisions.map((d) => d.matterId))).toEqual([[ids[5]], [ids[2400]], []]);
  });

  it('pages through everything on the command line (npm run rules:replay)', async () => {
    const { stdout } = await promisify(execFile)('node_modules/.bin/tsx', ['scripts/rules-replay.ts', '--since', '1d', '--json'], {
      env: { ...process.env, DATABASE_URL: testDb.url }, maxBuffer: 64 * 1024 * 1024, timeout: 50_000,
    });
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^2500 decision\(s\) since .*; nothing was written or sent\.$/);
    expect(new Set(lines.slice(0, -1).map((line) => (JSON.parse(line) as { matterId: string }).matterId)).size).toBe(MATTERS);
  }, 60_000);
});
