/**
 * The outbox is the one bus: facts recorded with the change they describe, each handed to each
 * consumer exactly once, in order, never skipping a transaction that committed late.
 */
import { createMigratedTestDatabase } from '../../test/support/database.js';
import type { NewDomainEvent } from './catalog.js';
import { consumeEvents, drainEvents, latestPosition, readEventsAfter } from './consumer.js';
import { recordEvents } from './outbox.js';

const closed = (matterId: string, key: string): NewDomainEvent => ({
  type: 'matter.closed',
  subject: `matter:${matterId}`,
  matterId,
  occurredAt: new Date('2026-10-01T12:00:00Z'),
  payload: { matterId, number: `0000${matterId}-Test`, title: 'Test v. Test', clientId: 'c1', closedOn: '2026-10-01' },
  dedupeKey: key,
});

describe('the outbox', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
  });
  afterAll(() => testDb?.drop());

  it('records an event once per dedupe key and refuses a payload its schema does not allow', async () => {
    const ds = testDb.db.dataSource;
    expect(await ds.transaction((m) => recordEvents(m, [closed('1', 'k1'), closed('1', 'k1'), closed('2', 'k2')]))).toBe(2);
    expect(await ds.transaction((m) => recordEvents(m, [closed('1', 'k1')]))).toBe(0);
    const bad = { ...closed('3', 'k3'), payload: { matterId: '3' } } as unknown as NewDomainEvent;
    await expect(ds.transaction((m) => recordEvents(m, [closed('4', 'k4'), bad]))).rejects.toThrow();
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM events.outbox`);
    expect(count).toBe(2);
  });

  it('hands each event to a consumer once, and a failed batch again', async () => {
    const ds = testDb.db.dataSource;
    const seen: string[] = [];
    await expect(consumeEvents(ds, { consumer: 'flaky' }, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await drainEvents(ds, { consumer: 'flaky', batchSize: 1 }, async (_m, events) => { seen.push(...events.map((e) => e.subject)); });
    expect(seen).toEqual(['matter:1', 'matter:2']);
    expect(await drainEvents(ds, { consumer: 'flaky' }, async () => { throw new Error('nothing left to hand over'); })).toBe(0);
  });

  // PGlite runs one transaction at a time (shared/db/pglite-server.ts queues the others), so no
  // transaction can commit after a later one there: the case exists only on PostgreSQL.
  const onServer = process.env.DATABASE_URL ? it : it.skip;
  onServer('does not pass a transaction that is still open, and hands over its events once it commits', async () => {
    const ds = testDb.db.dataSource;
    const start = await latestPosition(ds);
    const slow = ds.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    await recordEvents(slow.manager, [closed('10', 'slow')]);
    await ds.transaction((m) => recordEvents(m, [closed('11', 'fast')]));
    expect((await readEventsAfter(ds, start)).map((e) => e.subject)).toEqual([]);
    await slow.commitTransaction();
    await slow.release();
    expect((await readEventsAfter(ds, start)).map((e) => e.subject)).toEqual(['matter:10', 'matter:11']);
  });
});
