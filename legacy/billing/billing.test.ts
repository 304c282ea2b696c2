import { DEMO, findContactByEmail, mattersOfClient } from '../firm/demo.js';
import { startTestSimulators, type SimulatorHarness } from '../test-support.js';
import { formatCents, parseCents } from './money.js';

type Bill = { id: number; etag: string; number: string; total: number; paid: number; balance: number; state: string; matters: Array<{ id: number; display_number: string }>; client: { id: number; name: string } };
const FIELDS = 'id,etag,number,total,paid,balance,state,matters{id,display_number},client{id,name},currency{code}';

describe('billing simulator', () => {
  let h: SimulatorHarness;
  beforeAll(async () => {
    h = await startTestSimulators();
  });
  afterAll(() => h.sims.close());

  it("lists a client's bills with Clio conventions and filters", async () => {
    const ava = findContactByEmail(h.sims.firm, DEMO.emails.ava);
    const body = await h.json<{ data: Bill[]; meta: { records: number } }>('billing', `/api/v4/bills.json?client_id=${ava.id}&fields=${FIELDS}`);
    expect(body.data.map((b) => [b.total, b.balance, b.state])).toEqual([
      [2500, 0, 'paid'],
      [1234.5, 1234.5, 'awaiting_payment'],
      [800, 800, 'draft'],
    ]);
    expect(body.data[0]).toMatchObject({ client: { id: ava.id, name: 'Ava Martin' }, matters: [{ display_number: DEMO.avaDiscoveryMatter.displayNumber }], currency: { code: 'USD' } });
    const matter = mattersOfClient(h.sims.firm, DEMO.emails.ava)[0]!;
    const byMatter = await h.json<{ data: Bill[] }>('billing', `/api/v4/bills.json?matter_id=${matter.id}&state=paid`);
    expect(byMatter.data).toHaveLength(1);
    const all = await h.json<{ data: Bill[]; meta: { records: number } }>('billing', '/api/v4/bills.json');
    expect(all.meta.records).toBe(60);
    expect(Object.keys(all.data[0]!)).toEqual(['id', 'etag']);
    expect((await h.call('billing', '/api/v4/bills.json', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it('records payments exactly and refuses over-payments', async () => {
    const ava = findContactByEmail(h.sims.firm, DEMO.emails.ava);
    const bill = h.sims.firm.bills.find((b) => b.client.id === ava.id && b.total_cents === 123_450)!;
    const etagBefore = bill.etag;
    const pay = (amount: string | number) => h.call('billing', `/api/v4/bills/${bill.id}/payments.json`, { method: 'POST', body: JSON.stringify({ data: { amount, date: '2025-03-11T10:00:00Z' } }) });

    const first = await pay('100.25');
    expect(first.status).toBe(201);
    const after = await h.json<{ data: Bill }>('billing', `/api/v4/bills/${bill.id}.json?fields=${FIELDS}`);
    expect(after.data).toMatchObject({ balance: 1134.25, paid: 100.25, total: 1234.5, state: 'awaiting_payment' });
    expect(after.data.etag).not.toBe(etagBefore);

    for (const bad of ['1134.26', '-5', '0', '10.001', 'ten', 12.345]) {
      const response = await pay(bad);
      expect(response.status).toBe(422);
    }
    const unchanged = await h.json<{ data: Bill }>('billing', `/api/v4/bills/${bill.id}.json?fields=balance,paid`);
    expect(unchanged.data).toEqual({ balance: 1134.25, paid: 100.25 });

    expect((await pay(1134.25)).status).toBe(201);
    const paid = await h.json<{ data: Bill }>('billing', `/api/v4/bills/${bill.id}.json?fields=balance,paid,state`);
    expect(paid.data).toEqual({ balance: 0, paid: 1234.5, state: 'paid' });
    expect((await pay('0.01')).status).toBe(422);
  });

  it('creates bills', async () => {
    const ben = findContactByEmail(h.sims.firm, DEMO.emails.ben);
    const matter = mattersOfClient(h.sims.firm, DEMO.emails.ben)[0]!;
    const response = await h.call('billing', `/api/v4/bills.json?fields=${FIELDS}`, {
      method: 'POST',
      body: JSON.stringify({ data: { issued_at: '2025-03-10', due_at: '2025-04-09', total: '999.99', client: { id: ben.id }, matters: [{ id: matter.id }] } }),
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { data: Bill }).data).toMatchObject({ total: 999.99, balance: 999.99, state: 'awaiting_payment', client: { id: ben.id } });
    const wrongClient = await h.call('billing', '/api/v4/bills.json', {
      method: 'POST',
      body: JSON.stringify({ data: { issued_at: '2025-03-10', due_at: '2025-04-09', total: '1.00', client: { id: findContactByEmail(h.sims.firm, DEMO.emails.ava).id }, matters: [{ id: matter.id }] } }),
    });
    expect(wrongClient.status).toBe(422);
  });

  it('keeps money exact', () => {
    expect(parseCents('1234.5')).toBe(123_450);
    expect(parseCents(1234.5)).toBe(123_450);
    expect(parseCents('0.07')).toBe(7);
    expect(parseCents('1.234')).toBeNull();
    expect(JSON.stringify({ total: 123_450 / 100, balance: (123_450 - 10_025) / 100 })).toBe('{"total":1234.5,"balance":1134.25}');
    expect(formatCents(113_425)).toBe('1134.25');
  });
});
