import { createHmac } from 'node:crypto';
import { findAvaDiscoveryMatter } from '../firm/demo.js';
import { startTestSimulators, type SimulatorHarness } from '../test-support.js';
import { startWebhookReceiver, type ReceivedHook, type WebhookReceiver } from '../webhook-receiver.js';

interface Hook {
  id: number;
  etag: string;
  url: string;
  model: string;
  events: string[];
  fields: string;
  status: string;
  expires_at: string;
  shared_secret: string;
  created_at: string;
  updated_at: string;
}
interface Delivery {
  data: Record<string, unknown>;
  meta: { event: string; webhook_id: number; delivery_id: string; occurred_at: string };
}

const DAY_MS = 86_400_000;
const deliveries = (received: ReceivedHook[]) => received.filter((r) => r.headers['x-hook-secret'] === undefined);
const payload = (hook: ReceivedHook) => hook.json as Delivery;

describe('CMS webhooks', () => {
  let h: SimulatorHarness;
  const receivers: WebhookReceiver[] = [];
  const created: number[] = [];

  beforeAll(async () => {
    h = await startTestSimulators({ cms: { webhookRetryBaseMs: 20, webhookMaxAttempts: 3, webhookTimeoutMs: 1000 } });
  });
  afterEach(async () => {
    h.sims.setFaults('cms', {});
    for (const id of created.splice(0)) await h.call('cms', `/api/v4/webhooks/${id}.json`, { method: 'DELETE' });
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  afterAll(() => h.sims.close());

  async function receiver(status?: (hook: ReceivedHook, index: number) => number): Promise<WebhookReceiver> {
    const r = await startWebhookReceiver(status);
    receivers.push(r);
    return r;
  }

  async function createHook(data: Record<string, unknown>, expectEnabled = true): Promise<Hook> {
    const response = await h.call('cms', '/api/v4/webhooks.json', { method: 'POST', body: JSON.stringify({ data }) });
    expect(response.status).toBe(201);
    const hook = ((await response.json()) as { data: Hook }).data;
    created.push(hook.id);
    if (expectEnabled) await waitForStatus(hook.id, 'enabled');
    return hook;
  }

  async function waitForStatus(id: number, status: string): Promise<void> {
    const deadline = Date.now() + 3000;
    for (;;) {
      const { data } = await h.json<{ data: Hook }>('cms', `/api/v4/webhooks/${id}.json?fields=status`);
      if (data.status === status) return;
      if (Date.now() > deadline) throw new Error(`webhook ${id} is ${data.status}, not ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('creates a webhook (expiring in 3 days by default), shakes hands with X-Hook-Secret, then is enabled', async () => {
    const r = await receiver();
    const before = Date.now();
    const hook = await createHook({ url: r.url, model: 'matter', events: ['created', 'updated'], fields: 'id,etag,display_number,status' }, false);
    expect(hook).toMatchObject({ url: r.url, model: 'matter', events: ['created', 'updated'], fields: 'id,etag,display_number,status', status: 'pending', shared_secret: expect.stringMatching(/^[0-9a-f]{32,}$/) });
    expect(Object.keys(hook).sort()).toEqual(['created_at', 'etag', 'events', 'expires_at', 'fields', 'id', 'model', 'shared_secret', 'status', 'updated_at', 'url']);
    expect(Date.parse(hook.expires_at) - before).toBeGreaterThanOrEqual(3 * DAY_MS - 1000);
    expect(Date.parse(hook.expires_at) - before).toBeLessThanOrEqual(3 * DAY_MS + 5000);

    const [handshake] = await r.waitFor((got) => got.length === 1);
    expect(handshake!.headers['x-hook-secret']).toBe(hook.shared_secret);
    await waitForStatus(hook.id, 'enabled');
    const list = await h.json<{ data: Hook[] }>('cms', '/api/v4/webhooks.json?fields=id,status,model');
    expect(list.data).toContainEqual({ id: hook.id, status: 'enabled', model: 'matter' });
  });

  it('leaves a webhook pending when its receiver refuses the handshake, and never delivers to it', async () => {
    const r = await receiver(() => 403);
    const hook = await createHook({ url: r.url, model: 'task', fields: 'id' }, false);
    await r.waitFor((got) => got.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await waitForStatus(hook.id, 'pending');
    const task = await h.json<{ data: { id: number } }>('cms', '/api/v4/tasks.json', { method: 'POST', body: JSON.stringify({ data: { name: 'Unheard' } }) });
    await h.call('cms', `/api/v4/tasks/${task.data.id}.json`, { method: 'DELETE' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(r.received).toHaveLength(1);
  });

  it('delivers what a read with the same fields shows, signed with the shared secret, for API and store writes', async () => {
    const r = await receiver();
    const fields = 'id,etag,display_number,status,client{id,name}';
    const hook = await createHook({ url: r.url, model: 'matter', fields });
    const matter = findAvaDiscoveryMatter(h.sims.firm);
    await h.json('cms', `/api/v4/matters/${matter.id}.json`, { method: 'PATCH', body: JSON.stringify({ data: { description: 'Renamed' } }) });
    const [delivery] = deliveries(await r.waitFor((got) => deliveries(got).length === 1));
    const expectedSignature = createHmac('sha256', hook.shared_secret).update(delivery!.body).digest('hex');
    expect(delivery!.headers['x-hook-signature']).toBe(expectedSignature);
    const read = await h.json<{ data: Record<string, unknown> }>('cms', `/api/v4/matters/${matter.id}.json?fields=${encodeURIComponent(fields)}`);
    expect(payload(delivery!).data).toEqual(read.data);
    expect(payload(delivery!).meta).toEqual({ event: 'updated', webhook_id: hook.id, delivery_id: expect.stringMatching(/^[0-9a-f-]{36}$/), occurred_at: expect.any(String) });

    h.sims.store.matters.update(matter.id, { status: 'Pending' });
    const second = deliveries(await r.waitFor((got) => deliveries(got).length === 2))[1]!;
    expect(payload(second).data).toMatchObject({ id: matter.id, status: 'Pending' });
    expect(payload(second).meta.delivery_id).not.toBe(payload(delivery!).meta.delivery_id);
  });

  it('retries a failed delivery with backoff, keeping its delivery_id, and gives up after the last attempt', async () => {
    let failures = 2;
    const r = await receiver((hook) => (hook.headers['x-hook-secret'] === undefined && failures-- > 0 ? 503 : 200));
    await createHook({ url: r.url, model: 'task', events: ['created'], fields: 'id,name' });
    const started = Date.now();
    const task = await h.json<{ data: { id: number } }>('cms', '/api/v4/tasks.json', { method: 'POST', body: JSON.stringify({ data: { name: 'Chase the expert report' } }) });
    const attempts = deliveries(await r.waitFor((got) => deliveries(got).length === 3));
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 + 40);
    expect(new Set(attempts.map((a) => payload(a).meta.delivery_id)).size).toBe(1);
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
    expect(payload(attempts[2]!).data).toEqual({ id: task.data.id, name: 'Chase the expert report' });
    const log = await h.json<{ data: Array<{ delivery_id: string; outcome: string; attempts: number }> }>('cms', '/_sim/webhook_deliveries');
    expect(log.data.find((d) => d.delivery_id === payload(attempts[0]!).meta.delivery_id)).toMatchObject({ outcome: 'delivered', attempts: 3 });

    failures = Number.POSITIVE_INFINITY;
    await h.json('cms', '/api/v4/tasks.json', { method: 'POST', body: JSON.stringify({ data: { name: 'Never heard of' } }) });
    await r.waitFor((got) => deliveries(got).length === 6);
    const deadline = Date.now() + 2000;
    let last: { outcome: string; attempts: number } | undefined;
    while (last?.outcome !== 'abandoned' && Date.now() < deadline) {
      last = (await h.json<{ data: Array<{ outcome: string; attempts: number }> }>('cms', '/_sim/webhook_deliveries')).data.at(-1);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(last).toMatchObject({ outcome: 'abandoned', attempts: 3 });
  });

  it('sends deleted events with just the id', async () => {
    const r = await receiver();
    const hook = await createHook({ url: r.url, model: 'calendar_entry', events: ['deleted'], fields: 'id,summary' });
    const entry = await h.json<{ data: { id: string } }>('cms', '/api/v4/calendar_entries.json', { method: 'POST', body: JSON.stringify({ data: { summary: 'Mediation', start_at: '2025-05-01T09:00:00Z' } }) });
    expect((await h.call('cms', `/api/v4/calendar_entries/${entry.data.id}.json`, { method: 'DELETE' })).status).toBe(204);
    const [delivery] = deliveries(await r.waitFor((got) => deliveries(got).length === 1));
    expect(payload(delivery!)).toMatchObject({ data: { id: entry.data.id }, meta: { event: 'deleted', webhook_id: hook.id } });
    expect(Object.keys(payload(delivery!).data)).toEqual(['id']);
  });

  it('rejects expiry beyond 31 days or in the past, renews with PATCH, and stops firing once expired', async () => {
    const r = await receiver();
    for (const expires_at of [new Date(Date.now() + 32 * DAY_MS).toISOString(), new Date(Date.now() - 1000).toISOString(), 'soon']) {
      const response = await h.call('cms', '/api/v4/webhooks.json', { method: 'POST', body: JSON.stringify({ data: { url: r.url, model: 'contact', fields: 'id', expires_at } }) });
      expect(response.status).toBe(422);
    }
    for (const data of [{ url: 'ftp://x', model: 'contact' }, { url: r.url, model: 'folder' }, { url: r.url, model: 'contact', fields: 'nope' }, { url: r.url, model: 'contact', events: ['matter_opened'] }]) {
      expect((await h.call('cms', '/api/v4/webhooks.json', { method: 'POST', body: JSON.stringify({ data }) })).status).toBe(422);
    }
    const hook = await createHook({ url: r.url, model: 'contact', fields: 'id,name', expires_at: new Date(Date.now() + 31 * DAY_MS - 1000).toISOString() });
    const soon = new Date(Date.now() + 300).toISOString();
    const renewed = await h.json<{ data: Hook }>('cms', `/api/v4/webhooks/${hook.id}.json?fields=expires_at,status`, { method: 'PATCH', body: JSON.stringify({ data: { expires_at: soon } }) });
    expect(renewed.data).toEqual({ expires_at: soon, status: 'enabled' });
    await new Promise((resolve) => setTimeout(resolve, 350));
    const contact = h.sims.firm.contacts[0]!;
    h.sims.store.contacts.update(contact.id, { name: 'Someone Else' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(deliveries(r.received)).toHaveLength(0);
  });

  it('loses deliveries at webhookDropRate 1 and delivers again at 0', async () => {
    const r = await receiver();
    const hook = await createHook({ url: r.url, model: 'activity', fields: 'id,quantity' });
    const activity = h.sims.firm.activities[0]!;
    const set = await h.json<Record<string, number>>('cms', '/_sim/faults', { method: 'PUT', body: JSON.stringify({ webhookDropRate: 1 }) });
    expect(set.webhookDropRate).toBe(1);
    h.sims.store.activities.update(activity.id, { note: 'lost' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(deliveries(r.received)).toHaveLength(0);
    const log = await h.json<{ data: Array<{ webhook_id: number; outcome: string }> }>('cms', '/_sim/webhook_deliveries');
    expect(log.data.filter((d) => d.webhook_id === hook.id)).toEqual([expect.objectContaining({ outcome: 'dropped' })]);

    await h.json('cms', '/_sim/faults', { method: 'PUT', body: JSON.stringify({ webhookDropRate: 0 }) });
    h.sims.store.activities.update(activity.id, { note: 'found' });
    const [delivery] = deliveries(await r.waitFor((got) => deliveries(got).length === 1));
    expect(payload(delivery!).data).toEqual({ id: activity.id, quantity: activity.quantity_seconds });
  });
});
