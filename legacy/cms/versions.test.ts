import { findAvaDiscoveryMatter } from '../firm/demo.js';
import { startTestSimulators, type SimulatorHarness } from '../test-support.js';

type Row = Record<string, unknown>;
const v = (version: string) => ({ headers: { 'x-api-version': version } });

describe('Clio API versions and drift', () => {
  let h: SimulatorHarness;
  beforeAll(async () => {
    h = await startTestSimulators();
  });
  afterEach(async () => {
    await h.json('cms', '/_sim/version', { method: 'PUT', body: JSON.stringify({ version: '4.0.9', retiredThrough: '4.0.2' }) });
    await h.json('cms', '/_sim/drift', { method: 'PUT', body: JSON.stringify({ reset: true }) });
  });
  afterAll(() => h.sims.close());

  it('answers 410 Gone, Clio-style, for retired and unknown versions; the retirement line moves', async () => {
    for (const version of ['4.0.2', '4.0.0', '3.1.0', '4.0.11', '4.1.0']) {
      const response = await h.call('cms', '/api/v4/matters.json?limit=1', v(version));
      expect(response.status).toBe(410);
      expect(await response.json()).toEqual({ error: { type: 'GoneError', message: expect.stringContaining(version) } });
    }
    expect((await h.call('cms', '/api/v4/matters.json?limit=1', v('4.0.3'))).headers.get('x-api-version')).toBe('4.0.3');
    expect((await h.call('cms', '/api/v4/matters.json', v('four'))).status).toBe(400);

    const set = await h.json<Row>('cms', '/_sim/version', { method: 'PUT', body: JSON.stringify({ retiredThrough: '4.0.5' }) });
    expect(set).toEqual({ version: '4.0.9', retiredThrough: '4.0.5', latest: '4.0.10' });
    expect((await h.call('cms', '/api/v4/matters.json?limit=1', v('4.0.5'))).status).toBe(410);
    expect((await h.call('billing', '/api/v4/bills.json?limit=1', v('4.0.5'))).status).toBe(410);
    expect((await h.call('cms', '/_sim/version', { method: 'PUT', body: JSON.stringify({ version: '4.0.4' }) })).status).toBe(400);
    expect((await h.call('cms', '/_sim/version', { method: 'PUT', body: JSON.stringify({ version: '9.9.9' }) })).status).toBe(400);
  });

  it('shows activity quantity in hours up to 4.0.3 and in seconds from 4.0.4, by header or default', async () => {
    const matter = findAvaDiscoveryMatter(h.sims.firm);
    const expected = h.sims.firm.activities.filter((a) => a.matter.id === matter.id);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const path = `/api/v4/activities.json?matter_id=${matter.id}&fields=id,type,date,quantity,note,matter{id},updated_at`;
    const seconds = await h.json<{ data: Row[] }>('cms', path);
    expect(seconds.data).toEqual(expected.map((a) => ({ id: a.id, type: 'TimeEntry', date: a.date, quantity: a.quantity_seconds, note: a.note, matter: { id: matter.id }, updated_at: a.updated_at })));
    const hours = await h.json<{ data: Row[] }>('cms', path, v('4.0.3'));
    expect(hours.data.map((a) => a.quantity)).toEqual(expected.map((a) => a.quantity_seconds / 3600));
    expect((await h.json<{ data: Row[] }>('cms', path, v('4.0.4'))).data.map((a) => a.quantity)).toEqual(expected.map((a) => a.quantity_seconds));

    await h.json('cms', '/_sim/version', { method: 'PUT', body: JSON.stringify({ version: '4.0.3' }) });
    const switched = await h.call('cms', path);
    expect(switched.headers.get('x-api-version')).toBe('4.0.3');
    expect(((await switched.json()) as { data: Row[] }).data.map((a) => a.quantity)).toEqual(expected.map((a) => a.quantity_seconds / 3600));
    expect((await h.json<{ data: Row[] }>('cms', path, v('4.0.9'))).data.map((a) => a.quantity)).toEqual(expected.map((a) => a.quantity_seconds));
  });

  it('has matter_balances on bills at 4.0.4 and rejects the field from 4.0.5', async () => {
    const bill = h.sims.firm.bills.find((b) => b.state === 'awaiting_payment' && b.matters.length === 1)!;
    const path = `/api/v4/bills/${bill.id}.json?fields=id,balance,matter_balances{id,amount,matter}`;
    const old = await h.json<{ data: Row }>('billing', path, v('4.0.4'));
    expect(old.data).toEqual({ id: bill.id, balance: old.data.balance, matter_balances: [{ id: expect.any(Number), amount: old.data.balance, matter: { id: bill.matters[0]!.id } }] });
    const gone = await h.call('billing', path, v('4.0.5'));
    expect(gone.status).toBe(400);
    expect(((await gone.json()) as { error: { type: string; message: string } }).error).toEqual({ type: 'BadRequestError', message: expect.stringContaining('matter_balances') });
    expect((await h.call('billing', path)).status).toBe(400);
    await h.json('billing', '/_sim/version', { method: 'PUT', body: JSON.stringify({ version: '4.0.4' }) });
    expect((await h.call('billing', path)).status).toBe(200);
  });

  it('serves the default version given to startSimulators; the request header still wins', async () => {
    const other = await startTestSimulators({ cms: { apiVersion: '4.0.3' } });
    try {
      const path = '/api/v4/activities.json?limit=1&fields=id,quantity';
      const hours = await other.call('cms', path);
      expect(hours.headers.get('x-api-version')).toBe('4.0.3');
      const firstId = ((await hours.json()) as { data: Row[] }).data[0]!.id;
      const activity = other.sims.firm.activities.find((a) => a.id === firstId)!;
      expect((await other.json<{ data: Row[] }>('cms', path)).data[0]!.quantity).toBe(activity.quantity_seconds / 3600);
      expect((await other.json<{ data: Row[] }>('cms', path, v('4.0.4'))).data[0]!.quantity).toBe(activity.quantity_seconds);
      expect((await other.call('billing', '/api/v4/bills.json?limit=1')).headers.get('x-api-version')).toBe('4.0.3');
    } finally {
      await other.sims.close();
    }
  });

  it('adds a picklist option (optionally in use on a matter) and hides a removed field', async () => {
    const matter = findAvaDiscoveryMatter(h.sims.firm);
    const caseStatus = h.sims.firm.customFields.find((f) => f.name === 'Case Status')!;
    const before = matter.updated_at;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const added = await h.json<{ picklistOption: { id: number; option: string } }>('cms', '/_sim/drift', {
      method: 'PUT',
      body: JSON.stringify({ addPicklistOption: { customFieldId: caseStatus.id, option: 'Appeal filed', assignToMatterId: matter.id } }),
    });
    expect(added.picklistOption).toMatchObject({ option: 'Appeal filed', assigned_to_matter_id: matter.id });
    const bumped = await h.json<{ data: { updated_at: string } }>('cms', `/api/v4/matters/${matter.id}.json?fields=updated_at`);
    expect(Date.parse(bumped.data.updated_at)).toBeGreaterThan(Date.parse(before));
    const field = await h.json<{ data: { picklist_options: Array<{ id: number; option: string }> } }>('cms', `/api/v4/custom_fields/${caseStatus.id}.json?fields=picklist_options{id,option}`);
    expect(field.data.picklist_options).toContainEqual({ id: added.picklistOption.id, option: 'Appeal filed' });
    const read = await h.json<{ data: { custom_field_values: Array<{ value: unknown; picklist_option: unknown }> } }>('cms', `/api/v4/matters/${matter.id}.json?fields=custom_field_values{value,picklist_option}`);
    expect(read.data.custom_field_values).toContainEqual({ value: added.picklistOption.id, picklist_option: { id: added.picklistOption.id, option: 'Appeal filed' } });
    expect((await h.call('cms', '/_sim/drift', { method: 'PUT', body: JSON.stringify({ addPicklistOption: { customFieldId: 1, option: 'x' } }) })).status).toBe(400);

    const fields = 'id,display_number,practice_area{id,name}';
    expect(Object.keys((await h.json<{ data: Row }>('cms', `/api/v4/matters/${matter.id}.json?fields=${fields}`)).data)).toEqual(['id', 'display_number', 'practice_area']);
    const drift = await h.json<Row>('cms', '/_sim/drift', { method: 'PUT', body: JSON.stringify({ removeField: { resource: 'matters', field: 'practice_area' } }) });
    expect(drift).toEqual({ removedFields: { matters: ['practice_area'] } });
    expect((await h.json<{ data: Row }>('cms', `/api/v4/matters/${matter.id}.json?fields=${fields}`)).data).toEqual({ id: matter.id, display_number: matter.display_number });
    expect((await h.json<{ data: Row[] }>('cms', `/api/v4/matters.json?limit=3&fields=${fields}`)).data.every((m) => !('practice_area' in m))).toBe(true);
    for (const removeField of [{ resource: 'nope', field: 'id' }, { resource: 'matters', field: 'nope' }]) {
      expect((await h.call('cms', '/_sim/drift', { method: 'PUT', body: JSON.stringify({ removeField }) })).status).toBe(400);
    }
  });
});
