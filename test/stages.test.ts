/**
 * The firm switches casebridge on. Ava's litigation matter is in discovery: Jane Doe's and Marcus
 * Lee's depositions were taken (only Jane Doe's transcript is in the DMS), Priya Shah's is coming.
 * After the first import her portal reads DISCOVERY, with the history that got it there, and none
 * of that history was sent to her as news. When the last transcripts arrive in the DMS, tagged
 * with their deponents, the matter reads DISCOVERY_COMPLETE and she is told, in specifics. A client
 * cannot move a stage; staff can, with a reason; a dry run of the rules writes nothing.
 */
import { PDFDocument } from 'pdf-lib';
import { DEMO } from '../legacy/firm/demo.js';
import { startTestSystem, type TestSystem } from './support/system.js';

const MATTER_VIEW = `query($id: ID!) { matter(id: $id) { number stage stageHistory { from to at rule explanation } updates { id at title body } } }`;
interface MatterView { number: string; stage: string; stageHistory: Array<{ from: string | null; to: string; rule: string; explanation: string }>; updates: Array<{ title: string; body: string }> }

async function eventually<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value).slice(0, 500)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('official stages on the demo firm', () => {
  let system: TestSystem;
  let ava: string;
  let sarah: string;
  let avaMatterId: string;
  const ds = () => system.database.dataSource;
  const view = async (token: string, id: string) => {
    const { data, errors } = await system.graphql<{ matter: MatterView }>(token, MATTER_VIEW, { id });
    if (errors) throw new Error(JSON.stringify(errors));
    return data!.matter;
  };

  beforeAll(async () => {
    system = await startTestSystem();
    [ava, sarah] = await Promise.all([system.login(DEMO.emails.ava), system.login(DEMO.emails.sarah)]);
    const { data } = await system.graphql<{ matters: Array<{ id: string; number: string }> }>(ava, '{ matters { id number } }');
    avaMatterId = data!.matters.find((m) => m.number === DEMO.avaDiscoveryMatter.displayNumber)!.id;
  }, 120_000);
  afterAll(() => system?.stop());

  it("derives DISCOVERY for Ava's litigation matter from its history, and sends her none of it", async () => {
    const matter = await eventually('Ava\'s matter stage', () => view(ava, avaMatterId), (m) => m.stage === 'DISCOVERY');
    expect(matter.stageHistory.at(-1)).toMatchObject({ to: 'DISCOVERY' });
    expect(matter.stageHistory.map((t) => t.to)).toEqual(expect.arrayContaining(['ENGAGED', 'DISCOVERY']));
    expect(matter.updates.map((u) => u.body)).toContainEqual(expect.stringMatching(/^We have received the deposition transcript from Jane Doe's testimony on \w+ \d+(st|nd|rd|th)(, \d{4})?\. You can view a watermarked copy in your client portal\.$/));
    expect(matter.updates.every((u) => !/status has been updated/i.test(u.body))).toBe(true);
    const [{ n }] = await ds().query(`SELECT count(*)::int AS n FROM events.outbox WHERE type = 'update.published' AND matter_id = $1`, [avaMatterId]);
    expect(n).toBe(0);
  });

  it("Discovery Complete end to end: Marcus Lee's and Priya Shah's transcripts uploaded and tagged in the DMS", async () => {
    await eventually('Ava\'s matter stage', () => view(ava, avaMatterId), (m) => m.stage === 'DISCOVERY');
    const dms = system.simulators!.dms.url;
    const auth = { authorization: `Bearer ${system.config.legacy.dms.token}` };
    const pdf = await PDFDocument.create();
    pdf.addPage();
    const bytes = await pdf.save();
    const upload = async (name: string, docType: string, deponent: string) => {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from(bytes)], { type: 'application/pdf' }), name);
      form.append('metadata', JSON.stringify({ name, matterNumber: DEMO.avaDiscoveryMatter.displayNumber, docType, attributes: { deponent }, tags: ['discovery'] }));
      const response = await fetch(`${dms}/v1/documents`, { method: 'POST', headers: auth, body: form });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };

    await upload('Lee M depo transcript.pdf', 'Depo. Trans.', 'LEE, Marcus');
    // Priya Shah's arrives typed as a letter: it does not count yet.
    const priya = await upload('Shah P transcript.pdf', 'Letter', 'priya  shah.');
    await system.syncNow();
    const held = await eventually('Marcus Lee\'s transcript announced', () => view(ava, avaMatterId), (m) => m.updates.some((u) => u.title === 'Deposition transcript received: Marcus Lee'));
    expect(held.stage).toBe('DISCOVERY');

    const patched = await fetch(`${dms}/v1/documents/${priya}`, { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ docType: 'Deposition Transcript' }) });
    expect(patched.status).toBe(200);
    await system.syncNow();
    const complete = await eventually('Ava\'s matter stage', () => view(ava, avaMatterId), (m) => m.stage === 'DISCOVERY_COMPLETE');
    expect(complete.stageHistory.at(-1)).toMatchObject({ from: 'DISCOVERY', to: 'DISCOVERY_COMPLETE', rule: 'discovery-complete', explanation: 'Every deposition on the calendar has its transcript in the DMS: Jane Doe, Marcus Lee and Priya Shah.' });
    expect(complete.updates[0]).toEqual(expect.objectContaining({ title: 'Discovery is complete' }));
    const [{ n }] = await ds().query(`SELECT count(*)::int AS n FROM events.outbox WHERE type = 'update.published' AND matter_id = $1`, [avaMatterId]);
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('refuses a client who tries to move a stage, and lets the responsible attorney move it with a reason', async () => {
    const benLease = (await ds().query(`SELECT id, stage FROM matters.matters WHERE number = $1`, [DEMO.benMatters[0]]))[0] as { id: string; stage: string };
    const override = `mutation($id: ID!, $stage: MatterStage!, $reason: String!) { overrideMatterStage(matterId: $id, stage: $stage, reason: $reason) { stage stageHistory { to rule explanation } } }`;
    const asClient = await system.graphql(ava, override, { id: avaMatterId, stage: 'CLOSED', reason: 'I am done' });
    expect(asClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await view(ava, avaMatterId)).stage).not.toBe('CLOSED');
    const noReason = await system.graphql(sarah, override, { id: benLease.id, stage: 'CLOSED', reason: '' });
    expect(noReason.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const { data, errors } = await system.graphql<{ overrideMatterStage: { stage: string; stageHistory: Array<{ to: string; rule: string; explanation: string }> } }>(
      sarah, override, { id: benLease.id, stage: 'RESOLUTION', reason: 'Settled at mediation; the agreement is not in the DMS yet.' });
    expect(errors).toBeUndefined();
    expect(data!.overrideMatterStage.stage).toBe('RESOLUTION');
    expect(data!.overrideMatterStage.stageHistory.at(-1)).toEqual({ to: 'RESOLUTION', rule: 'staff-override', explanation: 'Set by the firm: Settled at mediation; the agreement is not in the DMS yet.' });
  });

  it('dry-runs the rules for staff: lists what would be told to whom, and writes nothing', async () => {
    const count = async () => (await ds().query(`SELECT (SELECT count(*) FROM matters.matter_updates) + (SELECT count(*) FROM matters.stage_transitions) + (SELECT count(*) FROM events.outbox) AS n`))[0].n;
    const before = await count();
    const { data, errors } = await system.graphql<{ rulesReplay: Array<{ matterNumber: string; clientName: string; rule: string; title: string; body: string; announce: boolean }> }>(
      sarah, `{ rulesReplay(since: "30d") { matterNumber clientName rule title body announce toStage } }`);
    expect(errors).toBeUndefined();
    expect(data!.rulesReplay).toContainEqual(expect.objectContaining({ matterNumber: DEMO.avaDiscoveryMatter.displayNumber, clientName: 'Ava Martin', rule: 'deposition-transcript-received' }));
    expect(await count()).toBe(before);
    const asClient = await system.graphql(ava, `{ rulesReplay(since: "30d") { title } }`);
    expect(asClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
