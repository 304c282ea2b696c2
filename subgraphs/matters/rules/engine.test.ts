/**
 * The rules consumer against real PostgreSQL: a matter's recorded history sets its stage without
 * telling the client anything; news afterwards is told once, with provenance, and a cancelled
 * hearing withdraws what was said about it; Discovery Complete fires on the last transcript.
 */
import { recordEvents } from '../../../shared/events/index.js';
import { createMigratedTestDatabase } from '../../../test/support/database.js';
import { findMatterUpdates } from '../published-queries.js';
import { runRules } from './consumer.js';
import { cancel, daysFromNow, fileDocument, markImported, opened, runRulesToTheEnd, schedule, seedMatter } from '../../../test/support/rules-seed.js';

const MATTER = { id: 'm1', number: '00001-Martin', title: 'Martin v. Harbor Logistics Inc.', clientId: 'c1', clientName: 'Ava Martin' };

describe('the rules consumer', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  const ds = () => testDb.db.dataSource;
  const stage = async () => (await ds().query(`SELECT stage FROM matters.matters WHERE id = $1`, [MATTER.id]))[0].stage as string;
  const outbox = async (type: string) => ds().query(`SELECT payload FROM events.outbox WHERE type = $1 ORDER BY id`, [type]) as Promise<Array<{ payload: Record<string, unknown> }>>;
  const updates = async () => ds().query(
    `SELECT id, title, body, rule, urgent, announce, subject, supersedes_id, withdrawn_at, event_ids, facts FROM matters.matter_updates WHERE matter_id = $1 ORDER BY created_at, at`, [MATTER.id],
  ) as Promise<Array<{ id: string; title: string; body: string; rule: string; urgent: boolean; announce: boolean; subject: string; supersedes_id: string | null; withdrawn_at: Date | null; event_ids: string[]; facts: Record<string, unknown> }>>;

  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    await seedMatter(ds(), MATTER);
  });
  afterAll(() => testDb?.drop());

  it('derives the stage from recorded history, records each move, and announces none of it', async () => {
    await ds().transaction((m) => recordEvents(m, [opened(MATTER, daysFromNow(-210))]));
    await fileDocument(ds(), { id: 'd-complaint', matterNumber: MATTER.number, name: 'Complaint - Martin v Harbor Logistics.pdf', kind: 'PLEADING', receivedAt: daysFromNow(-205) });
    await schedule(ds(), { id: 'calendar:jane', matterId: MATTER.id, kind: 'DEPOSITION', title: 'Deposition of Jane Doe', startsAt: daysFromNow(-35) }, daysFromNow(-55));
    await schedule(ds(), { id: 'calendar:marcus', matterId: MATTER.id, kind: 'DEPOSITION', title: 'Deposition of Marcus Lee', startsAt: daysFromNow(-9) }, daysFromNow(-29));
    await schedule(ds(), { id: 'calendar:priya', matterId: MATTER.id, kind: 'DEPOSITION', title: 'Deposition of Priya Shah', startsAt: daysFromNow(12) }, daysFromNow(-8));
    await fileDocument(ds(), { id: 'd-jane', matterNumber: MATTER.number, name: 'Doe J depo transcript.pdf', kind: 'DEPOSITION_TRANSCRIPT', deponent: 'jane doe', tags: ['discovery'], receivedAt: daysFromNow(-28) });
    // The rules hold everything until the first import is done; all of the above was recorded before.
    expect(await runRules(ds())).toBe(0);
    await markImported(ds());

    await runRulesToTheEnd(ds());
    expect(await stage()).toBe('DISCOVERY');
    const history = await ds().query(`SELECT from_stage, to_stage, rule, explanation, cardinality(event_ids) AS events FROM matters.stage_transitions WHERE matter_id = $1 ORDER BY at`, [MATTER.id]);
    expect(history).toEqual([
      { from_stage: 'INTAKE', to_stage: 'ENGAGED', rule: 'matter-opened', explanation: 'Your matter is open: Martin v. Harbor Logistics Inc.', events: 1 },
      { from_stage: 'ENGAGED', to_stage: 'PLEADINGS', rule: 'pleading-filed', explanation: 'New pleading: Complaint - Martin v Harbor Logistics.pdf', events: 1 },
      { from_stage: 'PLEADINGS', to_stage: 'DISCOVERY', rule: 'deposition-scheduled', explanation: expect.stringMatching(/^Deposition of Jane Doe scheduled for \w+ \d+(st|nd|rd|th)/), events: 1 },
    ]);
    const written = await updates();
    expect(written).toHaveLength(6);
    expect(written.every((u) => !u.announce)).toBe(true);
    expect(written.map((u) => u.title)).toContain('Deposition transcript received: Jane Doe');
    expect(await outbox('update.published')).toEqual([]);
    expect((await outbox('stage.changed')).map((e) => e.payload.to)).toEqual(['ENGAGED', 'PLEADINGS', 'DISCOVERY']);
  });

  it('tells news once, urgent when a hearing is days away, and withdraws it when the hearing is cancelled', async () => {
    const hearing = { id: 'calendar:compel', matterId: MATTER.id, kind: 'HEARING' as const, title: 'Hearing - Motion to Compel', startsAt: daysFromNow(3), location: 'Superior Court, Dept. 12' };
    await schedule(ds(), hearing);
    await runRulesToTheEnd(ds());
    const [announced] = (await updates()).filter((u) => u.subject === hearing.id);
    expect(announced).toMatchObject({ rule: 'hearing-scheduled', urgent: true, announce: true, withdrawn_at: null });
    expect(announced!.body).toMatch(/^Hearing - Motion to Compel is scheduled for \w+ \d+(st|nd|rd|th)(, \d{4})? at \d+:\d\d [AP]M at Superior Court, Dept\. 12\.$/);
    expect(await outbox('update.published')).toEqual([{ payload: { updateId: announced!.id, matterId: MATTER.id, clientId: MATTER.clientId, urgent: true } }]);

    await cancel(ds(), hearing);
    await runRulesToTheEnd(ds());
    const about = (await updates()).filter((u) => u.subject === hearing.id);
    expect(about).toHaveLength(2);
    expect(about[0]!.withdrawn_at).not.toBeNull();
    expect(about[1]).toMatchObject({ rule: 'appointment-cancelled', supersedes_id: announced!.id, withdrawn_at: null, urgent: true });
    expect(await outbox('update.withdrawn')).toEqual([{ payload: { updateId: announced!.id, matterId: MATTER.id, clientId: MATTER.clientId } }]);
    // What the notifications and live subscriptions read about the ids those events name.
    const [published] = await findMatterUpdates(ds(), [announced!.id]);
    expect(published).toMatchObject({ id: announced!.id, matterNumber: MATTER.number, clientId: MATTER.clientId, title: announced!.title, category: 'HEARING', urgent: true, announce: true });
    expect(published!.withdrawnAt).toBeInstanceOf(Date);
    // Exactly once: another run finds nothing left to handle.
    expect(await runRules(ds())).toBe(0);
    expect(await updates()).toHaveLength(about.length + 6);
  });

  it('holds Discovery Complete back until the last deposition has its transcript, tagged with its deponent', async () => {
    await fileDocument(ds(), { id: 'd-marcus', matterNumber: MATTER.number, name: 'Lee M depo transcript.pdf', kind: 'DEPOSITION_TRANSCRIPT', deponent: 'Marcus  Lee.' });
    await fileDocument(ds(), { id: 'd-priya', matterNumber: MATTER.number, name: 'Shah transcript.pdf', kind: 'OTHER', deponent: 'Priya Shah' });
    await runRulesToTheEnd(ds());
    expect(await stage()).toBe('DISCOVERY');

    await fileDocument(ds(), { id: 'd-priya', matterNumber: MATTER.number, name: 'Shah transcript.pdf', kind: 'DEPOSITION_TRANSCRIPT', deponent: 'SHAH, PRIYA' }, { kind: 'OTHER', deponent: 'Priya Shah' });
    await runRulesToTheEnd(ds());
    expect(await stage()).toBe('DISCOVERY_COMPLETE');
    const [move] = await ds().query(`SELECT from_stage, rule, event_ids, facts FROM matters.stage_transitions WHERE to_stage = 'DISCOVERY_COMPLETE'`);
    expect(move).toMatchObject({ from_stage: 'DISCOVERY', rule: 'discovery-complete' });
    expect(move.event_ids).toHaveLength(1);
    expect(move.facts.depositions.map((d: { transcript: { documentId: string } }) => d.transcript.documentId)).toEqual(['d-jane', 'd-marcus', 'd-priya']);
    const complete = (await updates()).find((u) => u.rule === 'discovery-complete')!;
    expect(complete).toMatchObject({ announce: true, title: 'Discovery is complete' });
    expect(complete.body).toBe('We now have the transcripts of all 3 depositions in your case (Jane Doe, Marcus Lee and Priya Shah). Discovery is complete, and we are preparing the next stage of your case.');
    expect((await outbox('stage.changed')).at(-1)!.payload).toEqual({ matterId: MATTER.id, clientId: MATTER.clientId, from: 'DISCOVERY', to: 'DISCOVERY_COMPLETE', rule: 'discovery-complete' });
  });
});
