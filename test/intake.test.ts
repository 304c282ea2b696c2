/**
 * A prospective client fills in the firm's contact form at 11 pm: within seconds they are a lead
 * in the CMS (contact, pending matter, follow-up task due within the SLA), routed to the right
 * team and office, and they get a reply naming who will call and by when. Bad input is refused
 * field by field and stores nothing; bots, duplicates, conflicts and a CMS outage are handled.
 */
import { createHmac } from 'node:crypto';
import { createLogger } from '../shared/logger.js';
import { IntakeCmsClient } from '../subgraphs/intake/cms/client.js';
import { watchSlas } from '../subgraphs/intake/jobs/sla.js';
import { waitFor } from './support/processes.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';
import { startTestSystem, type TestSystem } from './support/system.js';

const TYPEFORM_SECRET = 'typeform-test-secret';

describe('intake: a web form becomes a routed lead, a task and a reply', () => {
  let smtp: TestSmtp;
  let system: TestSystem;
  let base: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    system = await startTestSystem({
      SMTP_URL: smtp.url, INTAKE_POLL_SECONDS: '0.5', NOTIFY_RETRY_SECONDS: '0.5', INTAKE_REQUESTS_PER_MINUTE: '1000',
      INTAKE_TYPEFORM_SECRET: TYPEFORM_SECRET, INTAKE_GRAVITY_FORMS_SECRET: 'gravity-test-secret', LEGACY_BREAKER_FAILURES: '1000',
    });
    base = system.gatewayUrl.replace(/\/graphql$/, '');
  }, 180_000);
  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const count = async (table: string) => Number((await system.database.dataSource.query(`SELECT count(*) AS n FROM intake.${table}`) as Array<{ n: string }>)[0]?.n);
  const leadRow = async (id: string) => (await system.database.dataSource.query(`SELECT * FROM intake.leads WHERE id = $1`, [id]) as Array<Record<string, unknown>>)[0];
  const statusOf = async (id: string) => (await leadRow(id))?.status;
  const mailTo = (address: string) => smtp.inbox.filter((m) => m.to.includes(address));
  const store = () => system.simulators!.store;

  const prospect = (overrides: Record<string, unknown> = {}) => ({
    firstName: 'Rosa', lastName: 'Alvarez', email: `rosa.${Math.random().toString(36).slice(2)}@example.com`, phone: '+1 (213) 555-0147',
    practiceArea: 'car accident', description: 'I was rear-ended on the 101 last night; my neck hurts and the other driver has no insurance.',
    state: 'California', city: 'Los Angeles', zip: '90012', ...overrides,
  });

  it('refuses invalid input naming every bad field, and stores nothing', async () => {
    const before = await count('submissions');
    const response = await post('/intake', { lastName: '', email: 'not-an-email', phone: 'call me', practiceArea: 'astrology', description: 'x'.repeat(10_001), state: 'Atlantis' });
    expect(response.status).toBe(400);
    const { errors } = await response.json() as { errors: Array<{ field: string; message: string }> };
    expect(errors.map((e) => e.field).sort()).toEqual(['description', 'email', 'firstName', 'lastName', 'phone', 'practiceArea', 'state']);
    expect(errors.every((e) => e.message.length > 0)).toBe(true);

    const notJson = await post('/intake', '{"firstName": ');
    expect(notJson.status).toBe(400);
    expect((await notJson.json() as { errors: Array<{ field: string }> }).errors[0]?.field).toBe('body');
    expect(await count('submissions')).toBe(before);
  });

  it('answers a filled honeypot like a submission and creates nothing', async () => {
    const before = await count('submissions');
    const response = await post('/intake', prospect({ website: 'http://spam.example' }));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ receiptId: expect.any(String), status: 'RECEIVED' });
    expect(await count('submissions')).toBe(before);
    expect(await count('leads')).toBe(before);
    // Staff can see in the audit log that a bot was turned away, without any of its data.
    const audited = () => system.database.dataSource.query(`SELECT outcome, variables FROM audit.entries WHERE operation_name = 'intake:form' AND 'HONEYPOT' = ANY(error_codes)`) as Promise<Array<{ outcome: string; variables: unknown }>>;
    await waitFor(async () => (await audited()).length > 0, 10_000, () => 'the honeypot hit was not audited');
    expect(await audited()).toEqual([{ outcome: 'DENIED', variables: null }]);
  });

  it('gives the same receipt for the same submission twice (Idempotency-Key, or email and description)', async () => {
    const body = prospect({ practiceArea: 'Estate Planning', state: 'NY' });
    const first = await (await post('/intake', body, { 'idempotency-key': 'form-42' })).json() as { receiptId: string };
    const again = await (await post('/intake', { ...body, description: `${body.description} (sent twice)` }, { 'idempotency-key': 'form-42' })).json() as { receiptId: string };
    const sameWords = await (await post('/intake', body)).json() as { receiptId: string };
    expect(again.receiptId).toBe(first.receiptId);
    expect(sameWords.receiptId).toBe(first.receiptId);
    const [row] = await system.database.dataSource.query(`SELECT count(*) AS n FROM intake.leads WHERE email = $1`, [body.email]) as Array<{ n: string }>;
    expect(Number(row?.n)).toBe(1);
  });

  it('routes personal injury in California to LA Personal Injury and replies naming team, office, attorney and deadline', async () => {
    const body = prospect();
    const response = await post('/intake', body);
    expect(response.status).toBe(202);
    const { receiptId, status } = await response.json() as { receiptId: string; status: string };
    expect(status).toBe('RECEIVED');

    await waitFor(async () => mailTo(body.email).length > 0 && await statusOf(receiptId) === 'REPLIED', 60_000, () => `lead ${receiptId} not replied`);
    const lead = await leadRow(receiptId);
    const routing = lead!.routing as { team: string; office: string; responsibleAttorney: string; assignee: string; rule: string };
    expect(routing).toMatchObject({ team: 'LA Personal Injury', office: 'Los Angeles', responsibleAttorney: 'Maria Lopez', rule: 'personal-injury-california' });
    expect(['Maria Lopez', 'Kelly Nguyen']).toContain(routing.assignee);
    const receivedAt = new Date(lead!.received_at as string);
    const dueAt = new Date(lead!.due_at as string);
    expect(dueAt.getTime() - receivedAt.getTime()).toBe(24 * 3600 * 1000);

    // What the firm's staff see in the CMS.
    const contact = store().contacts.get(Number(lead!.cms_contact_id));
    expect(contact).toMatchObject({ type: 'Person', name: 'Rosa Alvarez', primary_email_address: body.email, is_client: false });
    const matter = store().matters.get(Number(lead!.cms_matter_id));
    const maria = store().users.all().find((u) => u.name === 'Maria Lopez');
    const pi = store().practiceAreas.all().find((p) => p.name === 'Personal Injury');
    expect(matter).toMatchObject({ status: 'Pending', client: { id: contact!.id }, responsible_attorney: { id: maria!.id }, practice_area: { id: pi!.id } });
    const task = store().tasks.get(Number(lead!.cms_task_id));
    const assignee = store().users.all().find((u) => u.name === routing.assignee);
    const dueDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(dueAt);
    expect(task).toMatchObject({ priority: 'High', due_at: dueDay, matter: { id: matter!.id }, assignee: { id: assignee!.id }, status: 'pending' });
    expect(task!.description).toContain(body.description);

    // The reply: who, where, by when (in the prospect's time zone), what to prepare.
    const [reply] = mailTo(body.email);
    const deadline = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(dueAt);
    for (const words of ['LA Personal Injury', 'Los Angeles', 'Maria Lopez', deadline, 'police', 'medical records', 'insurance']) expect(reply!.text).toContain(words);
    expect(reply!.messageId).toMatch(/^<intake-[0-9a-f-]+@/);
    expect(reply!.text).not.toMatch(/get back to you/i);

    // The follow-up task reaches casebridge's read model as a deadline on the pending matter: it is
    // recorded, but never announced to the prospect (a pending matter is not an engagement).
    await system.syncNow();
    const deadlineUpdates = () => system.database.dataSource.query(`SELECT announce FROM matters.matter_updates WHERE matter_id = $1 AND rule = 'deadline-set'`, [String(lead!.cms_matter_id)]) as Promise<Array<{ announce: boolean }>>;
    await waitFor(async () => (await deadlineUpdates()).length > 0, 30_000, () => 'the follow-up task never reached the rules');
    expect(await deadlineUpdates()).toEqual([{ announce: false }]);
  }, 90_000);

  it('marks a lead CONTACTED when its task is completed in time, and never escalates it afterwards', async () => {
    const body = prospect({ practiceArea: 'Family Law', state: 'NY' });
    const { receiptId } = await (await post('/intake', body)).json() as { receiptId: string };
    await waitFor(async () => await statusOf(receiptId) === 'REPLIED', 60_000, () => `lead ${receiptId} not replied`);
    const lead = await leadRow(receiptId);
    const done = await fetch(`${system.simulators!.cms.url}/api/v4/tasks/${String(lead!.cms_task_id)}.json`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${system.config.legacy.cms.token}` }, body: JSON.stringify({ data: { status: 'complete' } }),
    });
    expect(done.status).toBe(200);
    await system.worker.runJobsNow('intake');
    expect(await statusOf(receiptId)).toBe('CONTACTED');

    // The SLA watch a day later: the lead is done, so nobody is told it is late.
    const cms = new IntakeCmsClient({ baseUrl: system.simulators!.cms.url, token: system.config.legacy.cms.token, timeoutMs: 5000, logger: createLogger('test', 'silent') });
    const later = new Date(new Date(lead!.due_at as string).getTime() + 3600_000);
    await watchSlas({ dataSource: system.database.dataSource, cms, logger: createLogger('test', 'silent'), firmName: 'Smith & Jones LLP', mailDomain: 'smithjones.example' }, later);
    expect(await statusOf(receiptId)).toBe('CONTACTED');
    const [escalations] = await system.database.dataSource.query(`SELECT count(*) AS n FROM intake.escalations WHERE lead_id = $1`, [receiptId]) as Array<{ n: string }>;
    expect(Number(escalations?.n)).toBe(0);
  }, 90_000);

  it('sends a Spanish-speaking prospect a Spanish reply from a Spanish speaker', async () => {
    const body = prospect({ firstName: 'Lucía', practiceArea: 'accidente', description: 'Tuve un accidente de auto y necesito ayuda con el seguro del otro conductor.' });
    const { receiptId } = await (await post('/intake', body)).json() as { receiptId: string };
    await waitFor(async () => mailTo(body.email).length > 0, 60_000, () => `no reply for ${receiptId}`);
    const lead = await leadRow(receiptId);
    expect(lead).toMatchObject({ language: 'es', routing: expect.objectContaining({ assignee: 'Maria Lopez' }) });
    expect(mailTo(body.email)[0]!.text).toContain('le llamará antes del');
  }, 90_000);

  it('routes a prospect whose opposing party is a client to CONFLICT_REVIEW with a neutral reply and no matter', async () => {
    const body = prospect({ practiceArea: 'divorce', state: 'NY', opposingParty: 'Martin, Ava', description: 'My wife wants a divorce.' });
    const { receiptId } = await (await post('/intake', body)).json() as { receiptId: string };
    await waitFor(async () => mailTo(body.email).length > 0, 60_000, () => `no reply for ${receiptId}`);
    const lead = await leadRow(receiptId);
    expect(lead).toMatchObject({ status: 'CONFLICT_REVIEW', conflict: true, cms_matter_id: null });
    expect(lead!.routing).toMatchObject({ team: 'Intake Desk', rule: 'conflict-review' });
    const task = store().tasks.get(Number(lead!.cms_task_id));
    const sarah = store().users.all().find((u) => u.name === 'Sarah Jones');
    expect(task).toMatchObject({ matter: null, assignee: { id: sarah!.id } });
    const [reply] = mailTo(body.email);
    expect(reply!.text).toContain('internal review');
    expect(reply!.text).not.toContain('David Chen');
  }, 90_000);

  it('keeps a lead while the CMS is down and pushes it when the CMS answers again', async () => {
    system.simulators!.setFaults('cms', { errorRate: 1 });
    const body = prospect({ practiceArea: 'Family Law', state: 'New York' });
    const { receiptId } = await (await post('/intake', body)).json() as { receiptId: string };
    await waitFor(async () => Number((await leadRow(receiptId))?.attempts) >= 1 && (await leadRow(receiptId))?.last_error !== null, 60_000, () => 'the push was never tried');
    expect(await statusOf(receiptId)).toBe('RECEIVED');
    expect(store().contacts.all().some((c) => c.primary_email_address === body.email)).toBe(false);
    system.simulators!.setFaults('cms', {});
    await waitFor(async () => await statusOf(receiptId) === 'REPLIED', 60_000, () => `lead ${receiptId} not pushed after the CMS came back`);
    expect((await leadRow(receiptId))!.routing).toMatchObject({ team: 'NY Family Law', office: 'New York', responsibleAttorney: 'David Chen' });
  }, 120_000);

  it('takes a signed Typeform response and refuses a bad signature', async () => {
    const email = `typeform.${Date.now()}@example.com`;
    const payload = JSON.stringify({
      event_id: 'ev1', event_type: 'form_response',
      form_response: {
        form_id: 'abc', token: `tok-${Date.now()}`, submitted_at: new Date().toISOString(),
        answers: [
          { type: 'text', text: 'Tim', field: { id: 'f1', type: 'short_text', ref: 'firstName' } },
          { type: 'text', text: 'Typeform', field: { id: 'f2', type: 'short_text', ref: 'lastName' } },
          { type: 'email', email, field: { id: 'f3', type: 'email', ref: 'email' } },
          { type: 'choice', choice: { label: 'Employment' }, field: { id: 'f4', type: 'multiple_choice', ref: 'practiceArea' } },
          { type: 'text', text: 'I was fired after reporting unpaid overtime.', field: { id: 'f5', type: 'long_text', ref: 'description' } },
        ],
      },
    });
    const signature = `sha256=${createHmac('sha256', TYPEFORM_SECRET).update(payload).digest('base64')}`;
    const before = await count('submissions');
    expect((await post('/intake/typeform', payload, { 'typeform-signature': 'sha256=AAAA' })).status).toBe(401);
    expect((await post('/intake/typeform', payload)).status).toBe(401);
    expect(await count('submissions')).toBe(before);
    const accepted = await post('/intake/typeform', payload, { 'typeform-signature': signature });
    expect(accepted.status).toBe(202);
    const { receiptId } = await accepted.json() as { receiptId: string };
    expect(await leadRow(receiptId)).toMatchObject({ email, practice_area: 'Employment', first_name: 'Tim' });
  });

  it('takes a Gravity Forms entry with the shared secret header and refuses one without', async () => {
    const email = `gravity.${Date.now()}@example.com`;
    const entry = { id: '77', form_id: '3', '1.3': 'Gina', '1.6': 'Gravity', email, practiceArea: 'will', description: 'I need a will before my surgery next month.', state: 'FL' };
    const before = await count('submissions');
    expect((await post('/intake/gravity-forms', entry)).status).toBe(401);
    expect((await post('/intake/gravity-forms', entry, { 'x-intake-secret': 'wrong' })).status).toBe(401);
    expect(await count('submissions')).toBe(before);
    const accepted = await post('/intake/gravity-forms', entry, { 'x-intake-secret': 'gravity-test-secret' });
    expect(accepted.status).toBe(202);
    const { receiptId } = await accepted.json() as { receiptId: string };
    expect(await leadRow(receiptId)).toMatchObject({ first_name: 'Gina', last_name: 'Gravity', email, practice_area: 'Estate Planning', state: 'FL' });
    const again = await (await post('/intake/gravity-forms', { ...entry, description: 'changed' }, { 'x-intake-secret': 'gravity-test-secret' })).json() as { receiptId: string };
    expect(again.receiptId).toBe(receiptId);
  });

  it('shows leads to staff in the graph and refuses clients', async () => {
    const staff = await system.login('sarah.jones@smithjones.example');
    const query = `query { leads(first: 50) { nodes { id name status practiceArea location language conflict dueAt cmsMatterId cmsTaskId receivedAt
      routing { team office responsibleAttorney assignee rule explanation } } pageInfo { hasNextPage endCursor } } }`;
    const result = await system.graphql<{ leads: { nodes: Array<{ id: string; status: string; routing: { team: string } | null; location: string | null }> } }>(staff, query);
    expect(result.errors).toBeUndefined();
    const routed = result.data!.leads.nodes.find((l) => l.routing?.team === 'LA Personal Injury');
    expect(routed).toMatchObject({ location: 'Los Angeles, CA 90012' });
    const one = await system.graphql<{ lead: { id: string; status: string } }>(staff, `query($id: ID!) { lead(id: $id) { id status } }`, { id: routed!.id });
    expect(one.data!.lead.id).toBe(routed!.id);
    const replay = await system.graphql<{ routingReplay: Array<{ changed: boolean; routing: { team: string } }> }>(staff, `query { routingReplay(since: "2000-01-01T00:00:00Z") { changed routing { team } } }`);
    expect(replay.errors).toBeUndefined();
    expect(replay.data!.routingReplay.length).toBeGreaterThan(0);

    const client = await system.login('ava.martin@example.com');
    const refused = await system.graphql(client, 'query { leads { nodes { id } } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
