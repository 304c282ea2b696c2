import { findAvaDiscoveryMatter, findContactByEmail, DEMO } from '../firm/demo.js';
import { startTestSimulators, type SimulatorHarness } from '../test-support.js';

interface ListBody<T> {
  data: T[];
  meta: { paging: { next?: string }; records: number };
}
type Row = Record<string, unknown> & { id: number | string; etag: string };

describe('CMS simulator (Clio Manage v4)', () => {
  let h: SimulatorHarness;
  beforeAll(async () => {
    h = await startTestSimulators();
  });
  afterAll(() => h.sims.close());

  it('wants the bearer token, and answers Clio-style errors', async () => {
    const response = await h.call('cms', '/api/v4/matters.json', { headers: { authorization: 'Bearer wrong' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { type: 'UnauthorizedError', message: expect.any(String) } });
    expect((await h.call('cms', '/api/v4/matters.json', { headers: { authorization: '' } })).status).toBe(401);
  });

  it('returns only id and etag by default, the version header, and ids of calendar entries as strings', async () => {
    const response = await h.call('cms', '/api/v4/matters.json?limit=2');
    expect(response.headers.get('x-api-version')).toBe('4.0.9');
    const body = (await response.json()) as ListBody<Row>;
    expect(body.data.map((m) => Object.keys(m))).toEqual([['id', 'etag'], ['id', 'etag']]);
    const echoed = await h.call('cms', '/api/v4/calendar_entries.json?limit=1', { headers: { 'x-api-version': '4.0.5' } });
    expect(echoed.headers.get('x-api-version')).toBe('4.0.5');
    expect(typeof ((await echoed.json()) as ListBody<Row>).data[0]?.id).toBe('string');
    expect((await h.call('cms', '/api/v4/matters.json', { headers: { 'x-api-version': '3.1.0' } })).status).toBe(410);
  });

  it('selects fields with one level of nesting, picklist values as option ids, and rejects unknown fields', async () => {
    const matter = findAvaDiscoveryMatter(h.sims.firm);
    const fields = 'id,display_number,status,client{id,name},practice_area,custom_field_values{value,field_name,picklist_option}';
    const { data } = await h.json<{ data: Row }>('cms', `/api/v4/matters/${matter.id}.json?fields=${encodeURIComponent(fields)}`);
    const option = (data.custom_field_values as Array<{ value: unknown; picklist_option: { id: number; option: string } | null }>)[0]!;
    expect(data).toMatchObject({ id: matter.id, display_number: DEMO.avaDiscoveryMatter.displayNumber, status: 'Open', client: { id: matter.client.id, name: 'Ava Martin' } });
    expect(Object.keys(data.practice_area as object)).toEqual(['id', 'etag']);
    expect(option.value).toBe(option.picklist_option?.id);
    expect(option.picklist_option?.option).toBe('discovery - ongoing');
    for (const bad of ['nope', 'client{nope}', 'client{id{x}}', 'status{id}']) {
      const response = await h.call('cms', `/api/v4/matters.json?fields=${encodeURIComponent(bad)}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { type: string } }).error.type).toBe('BadRequestError');
    }
    expect((await h.call('cms', '/api/v4/matters/999.json')).status).toBe(404);
    expect((await h.call('cms', '/api/v4/matters.json?limit=201')).status).toBe(400);
  });

  it('pages by id through meta.paging.next, reaching every record exactly once', async () => {
    const seen: number[] = [];
    let url: string | undefined = '/api/v4/calendar_entries.json?limit=7&fields=id,summary';
    let records = 0;
    while (url) {
      const body: ListBody<Row> = await h.json<ListBody<Row>>('cms', url);
      records = body.meta.records;
      seen.push(...body.data.map((e) => Number(e.id)));
      expect(body.data.every((e) => typeof e.summary === 'string')).toBe(true);
      url = body.meta.paging.next;
      if (url) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v4\/calendar_entries\.json\?limit=7&fields=id%2Csummary&page_token=/);
    }
    expect(seen).toEqual(h.sims.firm.calendarEntries.map((e) => e.id));
    expect(records).toBe(seen.length);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by updated_since, matter and window, and answers 304 to a matching If-None-Match', async () => {
    const since = '2025-01-01T00:00:00Z';
    const body = await h.json<ListBody<Row>>('cms', `/api/v4/contacts.json?updated_since=${since}&fields=id,updated_at`);
    const expected = h.sims.firm.contacts.filter((c) => Date.parse(c.updated_at) >= Date.parse(since));
    expect(body.data.map((c) => c.id)).toEqual(expected.map((c) => c.id));

    const matter = findAvaDiscoveryMatter(h.sims.firm);
    const window = await h.json<ListBody<Row>>('cms', `/api/v4/calendar_entries.json?matter_id=${matter.id}&from=2025-01-01T00:00:00Z&to=2025-03-09T23:59:59Z&fields=summary,calendar_entry_event_type{name}`);
    expect(window.data.map((e) => e.summary)).toEqual(['Case Management Conference', 'Deposition of Jane Doe', 'Deposition of Marcus Lee']);
    const ava = findContactByEmail(h.sims.firm, DEMO.emails.ava);
    const matters = await h.json<ListBody<Row>>('cms', `/api/v4/matters.json?client_id=${ava.id}&status=open`);
    expect(matters.meta.records).toBe(2);

    const first = await h.call('cms', `/api/v4/matters/${matter.id}.json`);
    const etag = first.headers.get('etag')!;
    expect(etag).toBe(matter.etag);
    const again = await h.call('cms', `/api/v4/matters/${matter.id}.json`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const list = await h.call('cms', '/api/v4/users.json');
    expect((await h.call('cms', '/api/v4/users.json', { headers: { 'if-none-match': list.headers.get('etag')! } })).status).toBe(304);
  });

  it('creates, patches and deletes calendar entries, tasks and matters; bad input is a 422 that changes nothing', async () => {
    const matter = findAvaDiscoveryMatter(h.sims.firm);
    const created = await h.call('cms', '/api/v4/calendar_entries.json?fields=id,etag,summary,matter{id},start_at', {
      method: 'POST',
      body: JSON.stringify({ data: { summary: 'Hearing on sanctions', start_at: '2025-04-01T09:00:00-05:00', matter: { id: matter.id }, calendar_entry_event_type: { id: h.sims.firm.calendarEntryEventTypes[0]!.id } } }),
    });
    expect(created.status).toBe(201);
    const entry = ((await created.json()) as { data: Row }).data;
    expect(entry).toMatchObject({ summary: 'Hearing on sanctions', matter: { id: matter.id } });

    const patched = await h.json<{ data: Row }>('cms', `/api/v4/calendar_entries/${entry.id}.json?fields=id,etag,summary,start_at,updated_at`, {
      method: 'PATCH',
      body: JSON.stringify({ data: { start_at: '2025-04-02T09:00:00-05:00' } }),
    });
    expect(patched.data).toMatchObject({ summary: 'Hearing on sanctions', start_at: '2025-04-02T09:00:00-05:00' });
    expect(patched.data.etag).not.toBe(entry.etag);
    expect(Date.parse(String(patched.data.updated_at))).toBeGreaterThan(Date.now() - 60_000);

    for (const body of [{ data: { start_at: 'next tuesday' } }, { data: { matter: { id: 1 } } }, { data: { colour: 'red' } }, { summary: 'no data wrapper' }]) {
      const response = await h.call('cms', `/api/v4/calendar_entries/${entry.id}.json`, { method: 'PATCH', body: JSON.stringify(body) });
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { type: string } }).error.type).toBe('ValidationError');
    }
    const unchanged = await h.json<{ data: Row }>('cms', `/api/v4/calendar_entries/${entry.id}.json?fields=etag,start_at`);
    expect(unchanged.data).toEqual({ etag: patched.data.etag, start_at: '2025-04-02T09:00:00-05:00' });

    expect((await h.call('cms', `/api/v4/calendar_entries/${entry.id}.json`, { method: 'DELETE' })).status).toBe(204);
    expect((await h.call('cms', `/api/v4/calendar_entries/${entry.id}.json`)).status).toBe(404);
    const remaining = await h.json<ListBody<Row>>('cms', `/api/v4/calendar_entries.json?matter_id=${matter.id}`);
    expect(remaining.data.map((e) => e.id)).not.toContain(entry.id);

    const task = await h.json<{ data: Row }>('cms', '/api/v4/tasks.json?fields=id,name,status,matter{id}', { method: 'POST', body: JSON.stringify({ data: { name: 'Chase transcript', matter: { id: matter.id }, due_at: '2025-03-12' } }) });
    const done = await h.json<{ data: Row }>('cms', `/api/v4/tasks/${task.data.id}.json?fields=status,completed_at`, { method: 'PATCH', body: JSON.stringify({ data: { status: 'complete' } }) });
    expect(done.data.status).toBe('complete');
    expect(done.data.completed_at).toEqual(expect.any(String));

    const caseStatus = h.sims.firm.customFields.find((f) => f.name === 'Case Status')!;
    const pretrial = caseStatus.picklist_options.find((o) => o.option === 'Pre-Trial')!;
    const ben = findContactByEmail(h.sims.firm, DEMO.emails.ben);
    const newMatter = await h.json<{ data: Row }>('cms', '/api/v4/matters.json?fields=id,display_number,client{id},custom_field_values{value}', {
      method: 'POST',
      body: JSON.stringify({ data: { client: { id: ben.id }, description: 'New dispute', custom_field_values: [{ custom_field: { id: caseStatus.id }, value: String(pretrial.id) }] } }),
    });
    expect(newMatter.data).toMatchObject({ display_number: expect.stringMatching(/^\d{5}-Okafor$/), client: { id: ben.id }, custom_field_values: [{ value: pretrial.id }] });
    const deletedOption = caseStatus.picklist_options.find((o) => o.deleted_at !== null)!;
    const rejected = await h.call('cms', `/api/v4/matters/${newMatter.data.id}.json`, { method: 'PATCH', body: JSON.stringify({ data: { custom_field_values: [{ custom_field: { id: caseStatus.id }, value: deletedOption.id }] } }) });
    expect(rejected.status).toBe(422);
    expect((await h.call('cms', '/api/v4/matters.json', { method: 'POST', body: JSON.stringify({ data: { description: 'no client' } }) })).status).toBe(422);
  });
});

describe('CMS rate limiting', () => {
  it('counts requests per token per minute and answers 429 with Retry-After', async () => {
    const h = await startTestSimulators({ rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 4; i++) {
        last = await h.call('cms', '/api/v4/practice_areas.json');
        statuses.push(last.status);
        if (i === 0) expect(last.headers.get('x-ratelimit-remaining')).toBe('2');
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(last!.headers.get('x-ratelimit-limit')).toBe('3');
      expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(last!.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      expect(((await last!.json()) as { error: { type: string } }).error.type).toBe('RateLimited');
    } finally {
      await h.sims.close();
    }
  });
});
