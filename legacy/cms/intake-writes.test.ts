import { startTestSimulators, TEST_TOKEN, type SimulatorHarness } from '../test-support.js';

type Row = Record<string, unknown> & { id: number };

/** What a web intake writes to the CMS, as Clio answers it: contacts, groups (teams) and Clio Grow's lead inbox. */
describe('CMS simulator: intake writes', () => {
  let h: SimulatorHarness;
  beforeAll(async () => {
    h = await startTestSimulators();
  });
  afterAll(() => h.sims.close());

  it('creates a Person contact from Clio-style email and phone lists, not a client, and refuses a nameless one', async () => {
    const body = JSON.stringify({ data: { type: 'Person', first_name: 'Rosa', last_name: 'Alvarez', email_addresses: [{ address: 'rosa@example.com', name: 'Home', primary: true }], phone_numbers: [{ number: '+1 213 555 0147', name: 'Mobile', primary: true }] } });
    const created = await h.json<{ data: Row }>('cms', '/api/v4/contacts.json?fields=id,name,type,primary_email_address,primary_phone_number,is_client', { method: 'POST', body });
    expect(created.data).toMatchObject({ name: 'Rosa Alvarez', type: 'Person', primary_email_address: 'rosa@example.com', primary_phone_number: '+1 213 555 0147', is_client: false });
    const found = await h.json<{ data: Row[] }>('cms', '/api/v4/contacts.json?query=rosa%40example.com&fields=id');
    expect(found.data.map((c) => c.id)).toEqual([created.data.id]);
    expect((await h.call('cms', '/api/v4/contacts.json', { method: 'POST', body: JSON.stringify({ data: { type: 'Person' } }) })).status).toBe(422);
  });

  it('lists the firm\'s groups and nests each user\'s groups', async () => {
    const groups = await h.json<{ data: Row[] }>('cms', '/api/v4/groups.json?fields=id,name,type');
    expect(groups.data.map((g) => g.name)).toEqual(['LA Personal Injury', 'NY Family Law', 'Intake Desk']);
    const users = await h.json<{ data: Array<{ name: string; groups: Array<{ name: string }> }> }>('cms', '/api/v4/users.json?fields=name,groups{name}');
    const teamOf = (name: string) => users.data.find((u) => u.name === name)?.groups.map((g) => g.name);
    expect(teamOf('Maria Lopez')).toEqual(['LA Personal Injury']);
    expect(teamOf('Kelly Nguyen')).toEqual(['LA Personal Injury']);
    expect(teamOf('David Chen')).toEqual(['NY Family Law']);
    expect(teamOf('Tom Becker')).toEqual([]);
  });

  it('takes a lead into Clio Grow\'s inbox with the inbox token and no bearer token', async () => {
    const lead = { from_first: 'Rosa', from_last: 'Alvarez', from_email: 'rosa@example.com', from_message: 'Car accident', referring_url: 'https://smithjones.example/contact', from_source: 'casebridge' };
    const post = (body: unknown) => fetch(`${h.sims.cms.url}/inbox_leads`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
    const accepted = await post({ inbox_lead_token: TEST_TOKEN, inbox_lead: lead });
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toMatchObject({ inbox_lead: { id: expect.any(Number), from_first: 'Rosa', from_source: 'casebridge' } });
    expect((await post({ inbox_lead_token: 'wrong', inbox_lead: lead })).status).toBe(401);
    expect((await post({ inbox_lead_token: TEST_TOKEN, inbox_lead: { from_first: 'Rosa' } })).status).toBe(422);
  });
});
