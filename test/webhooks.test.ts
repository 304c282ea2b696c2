/**
 * CMS webhooks end to end: casebridge registers its subscriptions on start and answers the
 * handshake; a change made through the CMS's API reaches the read model by delivery, without a
 * poll; deliveries with a bad or missing signature are refused and not stored; a re-delivery and
 * an older delivery arriving after a newer one change nothing.
 */
import { createHmac } from 'node:crypto';
import { DEFAULT_SIM_TOKEN } from '../shared/config.js';
import { startTestSystem, type TestSystem } from './support/system.js';
import { processWebhookDeliveries } from '../subgraphs/ingest/index.js';
import { CMS_WEBHOOK_MODELS } from '../subgraphs/matters/sync/webhook-models.js';
import { createLogger } from '../shared/logger.js';

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('CMS webhooks', () => {
  let s: TestSystem;
  let hookUrl: string;
  const cms = (path: string, init: RequestInit = {}) =>
    fetch(`${s.simulators!.cms.url}${path}`, { ...init, headers: { authorization: `Bearer ${DEFAULT_SIM_TOKEN}`, 'content-type': 'application/json', ...init.headers } });
  const deliveries = async (): Promise<number> => Number((await s.database.dataSource.query(`SELECT count(*) AS n FROM sync.webhook_deliveries`))[0].n);
  const post = (body: string, headers: Record<string, string>, system = 'cms') =>
    fetch(`${hookUrl.replace(/\/cms$/, '')}/${system}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const sign = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('hex');

  beforeAll(async () => {
    s = await startTestSystem();
    await s.worker.webhooksReady;
    hookUrl = `${new URL(s.gatewayUrl).origin}/webhooks/cms`;
  });
  afterAll(() => s?.stop());

  it('registers one subscription per model at /webhooks/cms with the fields our schemas need, enabled by the handshake', async () => {
    const rows = await until('enabled subscriptions', async () => {
      const r: Array<{ model: string; status: string; url: string; fields: string; expires_at: Date }> = await s.database.dataSource.query(
        `SELECT model, status, url, fields, expires_at FROM sync.webhook_subscriptions WHERE status <> 'REMOVED' ORDER BY model`,
      );
      return r.length === 4 && r.every((x) => x.status === 'ENABLED') && r;
    });
    expect(rows.map((r) => r.model)).toEqual(['calendar_entry', 'contact', 'matter', 'task']);
    expect(rows.every((r) => r.url === hookUrl && r.fields.includes('updated_at') && r.expires_at.getTime() > Date.now() + 2 * 86_400_000)).toBe(true);
    const listed = (await (await cms('/api/v4/webhooks.json?fields=id,status,url')).json()) as { data: Array<{ status: string; url: string }> };
    expect(listed.data.filter((h) => h.url === hookUrl).map((h) => h.status)).toEqual(['enabled', 'enabled', 'enabled', 'enabled']);

    // Registration is idempotent: running it again keeps the same four.
    await s.worker.ensureWebhooks();
    const again = (await (await cms('/api/v4/webhooks.json?fields=id,url')).json()) as { data: Array<{ url: string }> };
    expect(again.data.filter((h) => h.url === hookUrl)).toHaveLength(4);
  });

  it('renews a subscription that is close to expiry, keeping the same webhook', async () => {
    const [sub] = await s.database.dataSource.query(`SELECT legacy_webhook_id FROM sync.webhook_subscriptions WHERE model = 'task' AND status = 'ENABLED'`);
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    expect((await cms(`/api/v4/webhooks/${sub.legacy_webhook_id}.json`, { method: 'PATCH', body: JSON.stringify({ data: { expires_at: soon } }) })).status).toBe(200);
    await s.worker.ensureWebhooks();
    const hook = (await (await cms(`/api/v4/webhooks/${sub.legacy_webhook_id}.json?fields=id,expires_at,status`)).json()) as { data: { expires_at: string; status: string } };
    expect(Date.parse(hook.data.expires_at)).toBeGreaterThan(Date.now() + 2 * 86_400_000);
    const [row] = await s.database.dataSource.query(`SELECT expires_at, status FROM sync.webhook_subscriptions WHERE legacy_webhook_id = $1`, [sub.legacy_webhook_id]);
    expect(row.expires_at.toISOString()).toBe(new Date(hook.data.expires_at).toISOString());
    await until('the renewed webhook enabled again', async () => {
      const [r] = await s.database.dataSource.query(`SELECT status FROM sync.webhook_subscriptions WHERE legacy_webhook_id = $1`, [sub.legacy_webhook_id]);
      return r.status === 'ENABLED';
    });
  });

  it('updates the read model from a delivery, without a poll', async () => {
    const [matter] = await s.database.dataSource.query(`SELECT id FROM matters.matters ORDER BY id LIMIT 1`);
    const response = await cms(`/api/v4/matters/${matter.id}.json`, { method: 'PATCH', body: JSON.stringify({ data: { description: 'Renamed by webhook' } }) });
    expect(response.status).toBe(200);
    // No processDeliveries() here: the stored delivery wakes the worker (LISTEN, or its poll on PGlite).
    await until('the delivered change', async () => {
      const [row] = await s.database.dataSource.query(`SELECT title FROM matters.matters WHERE id = $1`, [matter.id]);
      const [d] = await s.database.dataSource.query(`SELECT outcome FROM sync.webhook_deliveries WHERE object_id = $1`, [matter.id]);
      return row.title === 'Renamed by webhook' && d?.outcome === 'STORED';
    });
    const [delivery] = await s.database.dataSource.query(`SELECT model, event, outcome FROM sync.webhook_deliveries WHERE object_id = $1`, [matter.id]);
    expect(delivery).toEqual({ model: 'matter', event: 'updated', outcome: 'STORED' });
  });

  it('refuses a bad or missing signature with 401 and stores nothing; an unknown system is a 404', async () => {
    const [sub] = await s.database.dataSource.query(`SELECT legacy_webhook_id FROM sync.webhook_subscriptions WHERE model = 'matter' AND status = 'ENABLED'`);
    const body = JSON.stringify({ data: { id: 1 }, meta: { event: 'updated', webhook_id: Number(sub.legacy_webhook_id), delivery_id: 'forged-1', occurred_at: new Date().toISOString() } });
    const before = await deliveries();
    expect((await post(body, { 'x-hook-signature': sign(body, 'not-the-secret') })).status).toBe(401);
    expect((await post(body, {})).status).toBe(401);
    expect((await post('not json', { 'x-hook-signature': sign('not json', 'x') })).status).toBe(401);
    expect((await post(body, { 'x-hook-secret': 'guessed' })).status).toBe(401);
    expect((await post(body, {}, 'erp')).status).toBe(404);
    expect(await deliveries()).toBe(before);
  });

  it('takes a delivery as a notice: a forged body (another client, "updated" in 2999) leaves the record as the CMS holds it', async () => {
    const [sub] = await s.database.dataSource.query(`SELECT legacy_webhook_id, secret FROM sync.webhook_subscriptions WHERE model = 'matter' AND status = 'ENABLED'`);
    const [matter] = await s.database.dataSource.query(`SELECT id, client_id FROM matters.matters ORDER BY id LIMIT 1`);
    const [other] = await s.database.dataSource.query(`SELECT id FROM matters.clients WHERE id <> $1 ORDER BY id LIMIT 1`, [matter.client_id]);
    const forged = JSON.stringify({
      data: { id: Number(matter.id), description: 'Forged title', client: { id: Number(other.id), name: 'Someone else', type: 'Person' }, updated_at: '2999-01-01T00:00:00Z' },
      meta: { event: 'updated', webhook_id: Number(sub.legacy_webhook_id), delivery_id: 'forged-notice', occurred_at: new Date().toISOString() },
    });
    expect((await post(forged, { 'x-hook-signature': sign(forged, sub.secret) })).status).toBe(202);
    expect((await post(forged, { 'x-hook-signature': sign(forged, sub.secret) })).status).toBe(200);
    await until('the notice processed', async () => {
      await s.worker.processDeliveries();
      const [d] = await s.database.dataSource.query(`SELECT outcome, attempts FROM sync.webhook_deliveries WHERE delivery_id = 'forged-notice'`);
      return d?.outcome === 'STORED' && d;
    }).then((d) => expect(d.attempts).toBe(1));
    const cmsMatter = ((await (await cms(`/api/v4/matters/${matter.id}.json?fields=id,description,client{id},updated_at`)).json()) as { data: { description: string; client: { id: number }; updated_at: string } }).data;
    const [row] = await s.database.dataSource.query(`SELECT title, client_id, legacy_updated_at FROM matters.matters WHERE id = $1`, [matter.id]);
    expect(row).toEqual({ title: cmsMatter.description, client_id: String(cmsMatter.client.id), legacy_updated_at: new Date(cmsMatter.updated_at) });
    expect(row.client_id).toBe(matter.client_id);

    // The forged "2999" version is not stored, so a genuine later change still lands.
    await cms(`/api/v4/matters/${matter.id}.json`, { method: 'PATCH', body: JSON.stringify({ data: { description: 'Genuine change' } }) });
    await until('the genuine change', async () => {
      const [r] = await s.database.dataSource.query(`SELECT title FROM matters.matters WHERE id = $1`, [matter.id]);
      return r.title === 'Genuine change';
    });
  });

  it('refuses an undated delivery, or one older than WEBHOOK_MAX_AGE_SECONDS, and stores nothing', async () => {
    const [sub] = await s.database.dataSource.query(`SELECT legacy_webhook_id, secret FROM sync.webhook_subscriptions WHERE model = 'matter' AND status = 'ENABLED'`);
    const body = (id: string, occurredAt?: string) => JSON.stringify({ data: { id: 1 }, meta: { event: 'updated', webhook_id: Number(sub.legacy_webhook_id), delivery_id: id, ...(occurredAt ? { occurred_at: occurredAt } : {}) } });
    const before = await deliveries();
    const undated = body('undated');
    const old = body('captured-long-ago', new Date(Date.now() - (s.config.webhooks.maxAgeSeconds + 60) * 1000).toISOString());
    const undatedAnswer = await post(undated, { 'x-hook-signature': sign(undated, sub.secret) });
    expect(undatedAnswer.status).toBe(400);
    expect(((await undatedAnswer.json()) as { error: string }).error).toMatch(/occurred_at/);
    const oldAnswer = await post(old, { 'x-hook-signature': sign(old, sub.secret) });
    expect(oldAnswer.status).toBe(400);
    expect(((await oldAnswer.json()) as { error: string }).error).toMatch(/WEBHOOK_MAX_AGE_SECONDS/);
    expect(await deliveries()).toBe(before);
  });

  it('answers a handshake for a webhook nobody is registering at once, with a bounded number of queries', async () => {
    const body = JSON.stringify({ meta: { event: 'handshake', webhook_id: 987654321 } });
    const queriesBefore = s.database.queries.count;
    expect((await post(body, { 'x-hook-secret': 'whatever' })).status).toBe(401);
    // Waiting for a registration that is not happening polled the database every 50 ms for 3 s.
    expect(s.database.queries.count - queriesBefore).toBeLessThan(10);
  });

  it('removes a hearing deleted in the CMS at once by webhook, recording its cancellation', async () => {
    const [entry] = await s.database.dataSource.query(
      `SELECT e.id, e.matter_id FROM matters.matter_events e WHERE e.id LIKE 'calendar:%' AND e.starts_at > now() ORDER BY e.id LIMIT 1`,
    );
    const legacyId = String(entry.id).slice('calendar:'.length);
    expect((await cms(`/api/v4/calendar_entries/${legacyId}.json`, { method: 'DELETE' })).status).toBeLessThan(300);
    await until('the hearing gone from the read model', async () => {
      const rows: unknown[] = await s.database.dataSource.query(`SELECT 1 FROM matters.matter_events WHERE id = $1`, [entry.id]);
      return rows.length === 0;
    });
    const [d] = await s.database.dataSource.query(`SELECT event, outcome FROM sync.webhook_deliveries WHERE model = 'calendar_entry' AND object_id = $1`, [legacyId]);
    expect(d).toEqual({ event: 'deleted', outcome: 'DELETED' });
    const cancelled: unknown[] = await s.database.dataSource.query(
      `SELECT 1 FROM events.outbox WHERE type = 'hearing.cancelled' AND matter_id = $1`, [entry.matter_id],
    );
    expect(cancelled.length).toBeGreaterThan(0);
  });

  it('shares a backlog between several processors: each delivery processed exactly once, one CMS read per object', async () => {
    const [sub] = await s.database.dataSource.query(`SELECT legacy_webhook_id, secret FROM sync.webhook_subscriptions WHERE model = 'matter' AND status = 'ENABLED'`);
    const matters: Array<{ id: string }> = await s.database.dataSource.query(`SELECT id FROM matters.matters ORDER BY id LIMIT 3`);
    const ids = Array.from({ length: 30 }, (_, i) => `backlog-${i}`);
    const requestsBefore = s.worker.clients.cms.http.stats.requests;
    await Promise.all(ids.map(async (id, i) => {
      const body = JSON.stringify({ data: { id: Number(matters[i % 3]!.id) }, meta: { event: 'updated', webhook_id: Number(sub.legacy_webhook_id), delivery_id: id, occurred_at: new Date().toISOString() } });
      expect((await post(body, { 'x-hook-signature': sign(body, sub.secret) })).status).toBe(202);
    }));
    // Another worker's processor (own options, same database) racing this system's worker.
    const other = () => processWebhookDeliveries({
      dataSource: s.database.dataSource, models: { cms: CMS_WEBHOOK_MODELS }, http: { cms: s.worker.clients.cms.http }, logger: createLogger('other-worker', 'silent'),
    });
    await Promise.all([other(), s.worker.processDeliveries(), other()]);
    // The worker's own wake-up loop may still hold the last one it claimed.
    const rows = await until('the backlog processed', async () => {
      const r: Array<{ attempts: number; outcome: string | null; last_error: string | null }> = await s.database.dataSource.query(
        `SELECT attempts, outcome, last_error FROM sync.webhook_deliveries WHERE delivery_id = ANY($1::text[])`, [ids],
      );
      return r.every((x) => x.outcome !== null) && r;
    });
    expect(rows).toHaveLength(30);
    expect(rows.filter((r) => r.attempts !== 1 || r.outcome !== 'STORED')).toEqual([]);
    // Deliveries of one object stored before its record was read are answered by that one read.
    expect(s.worker.clients.cms.http.stats.requests - requestsBefore).toBeLessThanOrEqual(matters.length * 2);
  });
});
