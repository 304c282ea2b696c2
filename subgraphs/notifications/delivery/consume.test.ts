/**
 * The consumer against a real database, however far behind the rules it runs: a hearing announced
 * then cancelled before anything was mailed is never news, however the events are batched; a
 * cancellation of something the client was told, or of history never announced, is news; a
 * batch handled twice writes nothing twice.
 */
import { drainEvents } from '../../../shared/events/index.js';
import { createMigratedTestDatabase } from '../../../test/support/database.js';
import { FIRM, seedFirm } from '../../../test/support/firm.js';
import { ensureAnnounceColumn, publishUpdates, supersedeUpdate } from '../../../test/support/updates.js';
import { waitFor } from '../../../test/support/processes.js';
import { handleUpdateEvents, NOTIFICATION_EVENT_TYPES } from './consume.js';

describe('the notifications consumer', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  const ava = { matterId: '501', clientId: FIRM.ava.id };
  // Events are handed over once every older transaction on the server has finished (any database's:
  // xids are server-wide), so consume until the position has passed every update event.
  const consume = () => waitFor(async () => {
    await drainEvents(testDb.db.dataSource, { consumer: 'notifications', types: NOTIFICATION_EVENT_TYPES, batchSize: 100 },
      async (manager, events) => { await handleUpdateEvents(manager, events, { windowSeconds: 3600 }); });
    const [{ behind }] = await testDb.db.dataSource.query(
      `SELECT count(*)::int AS behind FROM events.outbox o
        WHERE o.type LIKE 'update.%' AND NOT EXISTS (SELECT 1 FROM events.consumers c WHERE c.name = 'notifications' AND (c.tx_id, c.event_id) >= (o.tx_id, o.id))`,
    );
    return behind === 0;
  }, 30_000, () => 'the consumer never caught up');
  const notification = async (title: string) => (await testDb.db.dataSource.query(
    `SELECT status FROM notifications.notifications WHERE title = $1`, [title],
  ) as Array<{ status: string }>).map((n) => n.status);

  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    await seedFirm(testDb.db.dataSource);
    await ensureAnnounceColumn(testDb.db.dataSource);
  });
  afterAll(() => testDb?.drop());

  it('sends nothing about a hearing announced and cancelled before the consumer ran', async () => {
    const [hearing] = await publishUpdates(testDb.db.dataSource, [{ ...ava, title: 'Hearing A scheduled', category: 'HEARING' }]);
    await supersedeUpdate(testDb.db.dataSource, { ...ava, id: hearing! }, { ...ava, title: 'Hearing A cancelled', category: 'HEARING' });
    await consume();
    expect(await notification('Hearing A scheduled')).toEqual([]);
    expect(await notification('Hearing A cancelled')).toEqual(['WITHDRAWN']);
  });

  it('sends nothing about a hearing cancelled while its notification waits for the digest', async () => {
    const [hearing] = await publishUpdates(testDb.db.dataSource, [{ ...ava, title: 'Hearing B scheduled', category: 'HEARING' }]);
    await consume();
    expect(await notification('Hearing B scheduled')).toEqual(['PENDING']);
    await supersedeUpdate(testDb.db.dataSource, { ...ava, id: hearing! }, { ...ava, title: 'Hearing B cancelled', category: 'HEARING' });
    await consume();
    expect(await notification('Hearing B scheduled')).toEqual(['WITHDRAWN']);
    expect(await notification('Hearing B cancelled')).toEqual(['WITHDRAWN']);
  });

  it('tells a cancellation when the client was mailed the hearing, or when the hearing was history never announced', async () => {
    const [told, history] = await publishUpdates(testDb.db.dataSource, [
      { ...ava, title: 'Hearing C scheduled', category: 'HEARING' },
      { ...ava, title: 'Hearing D scheduled (history)', category: 'HEARING', announce: false },
    ]);
    await consume();
    await testDb.db.dataSource.query(`UPDATE notifications.notifications SET status = 'SENT' WHERE title = 'Hearing C scheduled'`);
    await supersedeUpdate(testDb.db.dataSource, { ...ava, id: told! }, { ...ava, title: 'Hearing C cancelled', category: 'HEARING' });
    await supersedeUpdate(testDb.db.dataSource, { ...ava, id: history! }, { ...ava, title: 'Hearing D cancelled', category: 'HEARING' });
    await consume();
    expect(await notification('Hearing C scheduled')).toEqual(['SENT']);
    expect(await notification('Hearing C cancelled')).toEqual(['PENDING']);
    expect(await notification('Hearing D scheduled (history)')).toEqual([]);
    expect(await notification('Hearing D cancelled')).toEqual(['PENDING']);
  });

  it('writes one notification per update even when a batch is handled again', async () => {
    const [id] = await publishUpdates(testDb.db.dataSource, [{ ...ava, title: 'Brief filed' }]);
    await consume();
    const events = (await testDb.db.dataSource.query(`SELECT * FROM events.outbox WHERE subject = $1`, [`update:${id}`])).length;
    expect(events).toBe(1);
    await testDb.db.dataSource.query(`UPDATE events.consumers SET tx_id = 0, event_id = 0 WHERE name = 'notifications'`);
    await consume();
    expect(await notification('Brief filed')).toEqual(['PENDING']);
    const added = await testDb.db.dataSource.query(`SELECT count(*)::int AS n FROM events.outbox WHERE type = 'notification.added'`);
    expect(added[0].n).toBe(5); // Hearing B (later withdrawn), Hearing C, its cancellation, Hearing D's cancellation, Brief filed
  });
});
