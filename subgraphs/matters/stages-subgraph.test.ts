/**
 * A client reads their matter's official stage, how it got there and what the firm told them;
 * staff correct a stage the rules got wrong (with a reason, never backwards) and dry-run the rules
 * without anything being written.
 */
import { loadConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import type { RunningServer } from '../../shared/graphql/subgraph-server.js';
import { createMigratedTestDatabase } from '../../test/support/database.js';
import { FIRM, principals, seedFirm } from '../../test/support/firm.js';
import { asGateway, postGraphQL, querySubgraph } from '../../test/support/graphql.js';
import { recordEvents } from '../../shared/events/index.js';
import { daysFromNow, fileDocument, markImported, opened, runRulesToTheEnd, schedule } from '../../test/support/rules-seed.js';
import { startMattersSubgraph } from './server.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const { avaLitigation } = FIRM.matters;
const MATTER = `query($id: ID!) { matter(id: $id) { stage stageHistory { from to at rule explanation } updates { id at title body } } }`;
const OVERRIDE = `mutation($id: ID!, $stage: MatterStage!, $reason: String!) { overrideMatterStage(matterId: $id, stage: $stage, reason: $reason) { id stage } }`;

interface MatterView { stage: string; stageHistory: Array<{ from: string | null; to: string; at: string; rule: string; explanation: string }>; updates: Array<{ id: string; at: string; title: string; body: string }> }

describe('stages and updates in the matters subgraph', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let subgraph: RunningServer;
  const ds = () => testDb.db.dataSource;
  const count = async (table: string) => Number((await ds().query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    await seedFirm(ds());
    await ds().transaction((m) => recordEvents(m, [opened({ ...avaLitigation }, daysFromNow(-100))]));
    await schedule(ds(), { id: 'calendar:depo', matterId: avaLitigation.id, kind: 'DEPOSITION', title: 'Deposition of Jane Doe', startsAt: daysFromNow(-20) }, daysFromNow(-40));
    await markImported(ds());
    await runRulesToTheEnd(ds());
    await fileDocument(ds(), { id: 'd-jane', matterNumber: avaLitigation.number, name: 'Doe transcript.pdf', kind: 'DEPOSITION_TRANSCRIPT', deponent: 'Jane Doe.' });
    await schedule(ds(), { id: 'calendar:gone', matterId: avaLitigation.id, kind: 'HEARING', title: 'Status conference', startsAt: daysFromNow(30) });
    await runRulesToTheEnd(ds());
    await ds().query(`UPDATE matters.matter_updates SET withdrawn_at = now() WHERE subject = 'calendar:gone'`);
    subgraph = await startMattersSubgraph({ config, dataSource: ds(), logger: createLogger('test', 'silent'), port: 0 });
  });
  afterAll(async () => {
    await subgraph?.close();
    await testDb?.drop();
  });

  it("shows the client the stage, its history and the updates, newest first, withdrawn ones hidden", async () => {
    const { matter } = await querySubgraph<{ matter: MatterView }>(subgraph.url, principals.ava, config, MATTER, { id: avaLitigation.id });
    expect(matter.stage).toBe('DISCOVERY_COMPLETE');
    expect(matter.stageHistory.map((t) => [t.from, t.to, t.rule])).toEqual([
      ['INTAKE', 'ENGAGED', 'matter-opened'], ['ENGAGED', 'DISCOVERY', 'deposition-scheduled'], ['DISCOVERY', 'DISCOVERY_COMPLETE', 'discovery-complete'],
    ]);
    expect(matter.stageHistory[2]!.explanation).toBe('Every deposition on the calendar has its transcript in the DMS: Jane Doe.');
    expect(matter.updates.map((u) => u.title)).toEqual([
      'Discovery is complete', 'Deposition transcript received: Jane Doe', expect.stringMatching(/^Deposition of Jane Doe scheduled for/), 'Your matter is open: Martin v. Acme Corp',
    ]);
    expect(matter.updates.map((u) => u.title)).not.toContain(expect.stringMatching(/Status conference/));
    const times = matter.updates.map((u) => u.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("puts each matter's stage on its practice area's timeline, not on every stage the firm has", async () => {
    await ds().query(`UPDATE matters.matters SET practice_area = 'Estate Planning' WHERE id = $1`, [FIRM.matters.avaLease.id]);
    const TIMELINE = `query($a: ID!, $b: ID!) { a: matter(id: $a) { practiceArea stageTimeline } b: matter(id: $b) { practiceArea stageTimeline } }`;
    const { a, b } = await querySubgraph<{ a: { stageTimeline: string[] }; b: { stageTimeline: string[] } }>(
      subgraph.url, principals.ava, config, TIMELINE, { a: avaLitigation.id, b: FIRM.matters.avaLease.id });
    expect(a.stageTimeline).toEqual(['INTAKE', 'ENGAGED', 'PLEADINGS', 'DISCOVERY', 'DISCOVERY_COMPLETE', 'PRE_TRIAL', 'TRIAL', 'RESOLUTION', 'CLOSED']);
    expect(b.stageTimeline).toEqual(['INTAKE', 'ENGAGED', 'RESOLUTION', 'CLOSED']);
  });

  it('lets staff override a stage forward with a reason, and refuses a client, an empty reason and a move backwards', async () => {
    const asClient = await postGraphQL(subgraph.url, OVERRIDE, { id: avaLitigation.id, stage: 'TRIAL', reason: 'x' }, await asGateway(principals.ava, config));
    expect(asClient.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const empty = await postGraphQL(subgraph.url, OVERRIDE, { id: avaLitigation.id, stage: 'TRIAL', reason: '  ' }, await asGateway(principals.sarah, config));
    expect(empty.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/reason is required/), extensions: { code: 'BAD_USER_INPUT' } });
    const backwards = await postGraphQL(subgraph.url, OVERRIDE, { id: avaLitigation.id, stage: 'PLEADINGS', reason: 'oops' }, await asGateway(principals.sarah, config));
    expect(backwards.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/cannot move back to PLEADINGS/), extensions: { code: 'BAD_USER_INPUT' } });
    const notHers = await postGraphQL(subgraph.url, OVERRIDE, { id: FIRM.matters.avaLease.id, stage: 'CLOSED', reason: 'done' }, await asGateway(principals.sarah, config));
    expect(notHers.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count(`matters.stage_transitions WHERE rule = 'staff-override'`)).toBe(0);

    const moved = await querySubgraph<{ overrideMatterStage: { id: string; stage: string } }>(subgraph.url, principals.sarah, config, OVERRIDE,
      { id: avaLitigation.id, stage: 'PRE_TRIAL', reason: 'Trial date set at the hearing; the CMS calendar is behind.' });
    expect(moved.overrideMatterStage).toEqual({ id: avaLitigation.id, stage: 'PRE_TRIAL' });
    const [row] = await ds().query(`SELECT from_stage, to_stage, overridden_by, override_reason FROM matters.stage_transitions WHERE rule = 'staff-override'`);
    expect(row).toEqual({ from_stage: 'DISCOVERY_COMPLETE', to_stage: 'PRE_TRIAL', overridden_by: 'acc-sarah', override_reason: 'Trial date set at the hearing; the CMS calendar is behind.' });
    const [event] = await ds().query(`SELECT payload FROM events.outbox WHERE type = 'stage.changed' AND payload->>'rule' = 'staff-override'`);
    expect(event.payload).toEqual({ matterId: avaLitigation.id, clientId: FIRM.ava.id, from: 'DISCOVERY_COMPLETE', to: 'PRE_TRIAL', rule: 'staff-override' });
  });

  it('dry-runs the rules for staff without writing anything, and refuses clients', async () => {
    const tables = ['matters.matter_updates', 'matters.stage_transitions', 'events.outbox', 'matters.matters WHERE stage <> \'INTAKE\''];
    const before = await Promise.all(tables.map(count));
    const replay = `query($since: String!) { rulesReplay(since: $since) { matterNumber clientName rule title body urgent announce fromStage toStage } }`;
    const { rulesReplay } = await querySubgraph<{ rulesReplay: Array<{ matterNumber: string; clientName: string; rule: string; title: string; announce: boolean; fromStage: string | null; toStage: string | null }> }>(
      subgraph.url, principals.admin, config, replay, { since: '30d' });
    // Everything here was recorded within the last 30 days, the history before the first import
    // included (not announced). The dry run sees the facts as they are now: the transcript is in,
    // so discovery completes as soon as the deposition is on the calendar.
    expect(rulesReplay.map((d) => [d.rule, d.announce, d.fromStage, d.toStage])).toEqual([
      ['matter-opened', false, 'INTAKE', 'ENGAGED'],
      ['deposition-scheduled', false, 'ENGAGED', 'DISCOVERY'],
      ['discovery-complete', false, 'DISCOVERY', 'DISCOVERY_COMPLETE'],
      ['deposition-transcript-received', true, null, null],
      ['hearing-scheduled', true, null, null],
    ]);
    expect(rulesReplay.every((d) => d.clientName === 'Ava Martin' && d.matterNumber === avaLitigation.number)).toBe(true);
    expect(await Promise.all(tables.map(count))).toEqual(before);

    const asBen = await postGraphQL(subgraph.url, replay, { since: '30d' }, await asGateway(principals.ben, config));
    expect(asBen.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await postGraphQL(subgraph.url, replay, { since: 'last week' }, await asGateway(principals.admin, config));
    expect(bad.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/"30d"/), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('pages the dry run with first/after, and refuses a window or a page beyond its bounds, naming the argument', async () => {
    const replay = `query($since: String!, $first: Int, $after: String) { rulesReplay(since: $since, first: $first, after: $after) { rule toStage cursor } }`;
    const page = async (variables: Record<string, unknown>) =>
      (await querySubgraph<{ rulesReplay: Array<{ rule: string; toStage: string | null; cursor: string }> }>(subgraph.url, principals.admin, config, replay, variables)).rulesReplay;
    const whole = await page({ since: '30d' });
    expect(whole).toHaveLength(5);
    const paged: typeof whole = [];
    let after: string | null = null;
    for (let calls = 1; ; calls += 1) {
      const next = await page({ since: '30d', first: 2, after });
      expect(next.length).toBeLessThanOrEqual(2);
      if (next.length === 0) break;
      expect(calls).toBeLessThanOrEqual(3);
      paged.push(...next);
      after = next.at(-1)!.cursor;
    }
    expect(paged.map((d) => [d.rule, d.toStage])).toEqual(whole.map((d) => [d.rule, d.toStage]));

    const refused = async (variables: Record<string, unknown>) =>
      (await postGraphQL(subgraph.url, replay, variables, await asGateway(principals.admin, config))).body.errors?.[0];
    expect(await refused({ since: '400d' })).toMatchObject({ message: expect.stringMatching(/at most 92 days/), extensions: { code: 'BAD_USER_INPUT', argumentName: 'since' } });
    expect(await refused({ since: '30d', first: 0 })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' } });
    expect(await refused({ since: '30d', first: 1001 })).toMatchObject({ message: expect.stringMatching(/between 1 and 1000/), extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' } });
    expect(await refused({ since: '30d', after: 'not-a-cursor' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
  });
});
