/**
 * The firm promised a call back within its SLA: when the follow-up task is not completed in the
 * CMS by its due time, the team lead gets one escalation email and the lead shows ESCALATED;
 * completing the task marks the lead CONTACTED. A flood of submissions from one address is cut
 * off with 429 and Retry-After.
 */
import { waitFor } from './support/processes.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';
import { startTestSystem, type TestSystem } from './support/system.js';

describe('intake SLA watch', () => {
  let smtp: TestSmtp;
  let system: TestSystem;
  let base: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    system = await startTestSystem({ SMTP_URL: smtp.url, INTAKE_POLL_SECONDS: '0.5', NOTIFY_RETRY_SECONDS: '0.5', INTAKE_SLA_SECONDS: '2', INTAKE_REQUESTS_PER_MINUTE: '3' });
    base = system.gatewayUrl.replace(/\/graphql$/, '');
  }, 180_000);
  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
  });

  const submit = (email: string) => fetch(`${base}/intake`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ firstName: 'Sam', lastName: 'Late', email, practiceArea: 'Personal Injury', description: `Slipped on a wet floor at a store (${email}).`, state: 'CA' }),
  });
  const lead = async (id: string) => (await system.database.dataSource.query(`SELECT * FROM intake.leads WHERE id = $1`, [id]) as Array<Record<string, unknown>>)[0]!;
  const cmsUrl = () => system.simulators!.cms.url;

  it('escalates a late follow-up once to the team lead, and marks the lead CONTACTED when the task is completed', async () => {
    const response = await submit('sam.late@example.com');
    expect(response.status).toBe(202);
    const { receiptId } = await response.json() as { receiptId: string };
    await waitFor(async () => (await lead(receiptId)).status === 'ESCALATED', 60_000, () => `lead ${receiptId} not escalated`);
    const maria = system.simulators!.store.users.all().find((u) => u.name === 'Maria Lopez')!;
    await waitFor(async () => smtp.inbox.some((m) => m.to.includes(maria.email)), 30_000, () => 'no escalation email');
    const escalation = smtp.inbox.find((m) => m.to.includes(maria.email))!;
    expect(escalation.subject).toContain('Sam Late');
    expect(escalation.subject).toMatch(/late/);

    // More SLA runs neither escalate again nor email again.
    await system.worker.runJobsNow('intake');
    await system.worker.runJobsNow('intake');
    expect(smtp.inbox.filter((m) => m.to.includes(maria.email))).toHaveLength(1);
    const [row] = await system.database.dataSource.query(`SELECT count(*) AS n FROM intake.escalations WHERE lead_id = $1`, [receiptId]) as Array<{ n: string }>;
    expect(Number(row?.n)).toBe(1);

    // Staff complete the task in the CMS, over its API.
    const taskId = String((await lead(receiptId)).cms_task_id);
    const done = await fetch(`${cmsUrl()}/api/v4/tasks/${taskId}.json`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${system.config.legacy.cms.token}` }, body: JSON.stringify({ data: { status: 'complete' } }),
    });
    expect(done.status).toBe(200);
    await waitFor(async () => (await lead(receiptId)).status === 'CONTACTED', 60_000, () => `lead ${receiptId} not CONTACTED`);
  }, 120_000);

  it('limits submissions per address with 429 and Retry-After', async () => {
    let last = await submit(`flood.${Date.now()}@example.com`);
    for (let i = 0; i < 5 && last.status !== 429; i++) last = await submit(`flood.${Date.now()}.${i}@example.com`);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
