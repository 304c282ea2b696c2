/**
 * The firm's IT scrapes casebridge with Prometheus: each GraphQL operation shows up by name,
 * outcome and role, with its latency and its subgraph fetches; the read model's backlog and
 * quarantine are there to alert on; and none of it is reachable on the public API port.
 */
import { startTestSystem, type TestSystem } from './support/system.js';
import { waitFor } from './support/processes.js';
import { sample, scrape, total } from './support/metrics.js';

describe('GET /metrics of a running system', () => {
  let system: TestSystem;
  let base: string;
  let metrics: string;
  beforeAll(async () => {
    system = await startTestSystem();
    base = system.gatewayUrl.replace(/\/graphql$/, '');
    metrics = system.metricsUrl!;
    // The first import on embedded PGlite takes minutes on a loaded machine.
  }, 300_000);
  afterAll(() => system?.stop());

  /** Scrapes until `check` holds (a response is recorded when it is done, after the client has it). */
  async function scrapeUntil(check: (text: string) => boolean, what: string): Promise<string> {
    let text = '';
    await waitFor(async () => check((text = await scrape(metrics))), 10_000, () => `${what}; last scrape:\n${text.split('\n').filter((l) => l.startsWith('casebridge_')).join('\n')}`);
    return text;
  }

  it('serves metrics on its own loopback port, never on the API port', async () => {
    expect(new URL(metrics).hostname).toBe('127.0.0.1');
    expect(new URL(metrics).port).not.toBe(new URL(base).port);
    for (const accept of ['text/plain', 'text/html', '*/*']) {
      const response = await fetch(`${base}/metrics`, { headers: { accept } });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('casebridge_');
    }
    const response = await fetch(`${metrics}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('counts an operation by name, outcome and role, with its latency and its subgraph fetch', async () => {
    const token = await system.login('ava.martin@example.com');
    const ok = { operation: 'MetricsMyMatters', outcome: 'ok', role: 'CLIENT' };
    const before = await scrape(metrics);
    const fetchesBefore = total(before, 'casebridge_subgraph_fetch_duration_seconds_count', { subgraph: 'matters', outcome: 'ok' });

    const { errors } = await system.graphql(token, 'query MetricsMyMatters { matters { number } }');
    expect(errors).toBeUndefined();
    const after = await scrapeUntil((t) => sample(t, 'casebridge_graphql_requests_total', ok) === (sample(before, 'casebridge_graphql_requests_total', ok) ?? 0) + 1, 'the operation was not counted');
    expect(sample(after, 'casebridge_graphql_request_duration_seconds_count', ok)).toBe((sample(before, 'casebridge_graphql_request_duration_seconds_count', ok) ?? 0) + 1);
    expect(sample(after, 'casebridge_graphql_request_duration_seconds_sum', ok)).toBeGreaterThan(sample(before, 'casebridge_graphql_request_duration_seconds_sum', ok) ?? 0);
    expect(total(after, 'casebridge_subgraph_fetch_duration_seconds_count', { subgraph: 'matters', outcome: 'ok' })).toBeGreaterThan(fetchesBefore);

    // Without a token: refused before any subgraph, counted as anonymous with the error's code.
    const refused = { operation: 'MetricsMyMatters', outcome: 'UNAUTHENTICATED', role: 'anonymous' };
    const anonymous = await system.graphql(null, 'query MetricsMyMatters { matters { number } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await scrapeUntil((t) => sample(t, 'casebridge_graphql_requests_total', refused) === (sample(after, 'casebridge_graphql_requests_total', refused) ?? 0) + 1, 'the refusal was not counted');
  });

  it('counts a refused sign-in', async () => {
    const before = sample(await scrape(metrics), 'casebridge_login_failures_total', { reason: 'credentials' }) ?? 0;
    const response = await fetch(`${base}/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ava.martin@example.com', password: 'not her password' }),
    });
    expect(response.status).toBe(401);
    expect(sample(await scrape(metrics), 'casebridge_login_failures_total', { reason: 'credentials' })).toBe(before + 1);
  });

  it('shows the outbox backlog per consumer and the quarantine as the tables hold them', async () => {
    const db = system.database.dataSource;
    await db.query(`INSERT INTO events.consumers (name) VALUES ('metrics-test')`);
    const [{ n: outboxBefore }] = await db.query(`SELECT count(*)::int AS n FROM events.outbox`);
    const text = await scrape(metrics);
    const [{ n: outboxAfter }] = await db.query(`SELECT count(*)::int AS n FROM events.outbox`);
    const backlog = sample(text, 'casebridge_outbox_backlog_events', { consumer: 'metrics-test' });
    expect(outboxBefore).toBeGreaterThan(0);
    expect(backlog).toBeGreaterThanOrEqual(outboxBefore);
    expect(backlog).toBeLessThanOrEqual(outboxAfter);
    // The rules have decided the import (the system is ready): their consumer's backlog is what was recorded since.
    expect(sample(text, 'casebridge_outbox_backlog_events', { consumer: 'metrics-test' })).toBeGreaterThan(sample(text, 'casebridge_outbox_backlog_events', { consumer: 'rules' }) ?? -1);

    const labels = { system: 'dms', resource: 'metrics-test', reason: 'INVALID_SHAPE' };
    expect(sample(text, 'casebridge_quarantine_items', labels)).toBeUndefined();
    const ids: Array<{ id: string }> = await db.query(
      `INSERT INTO sync.quarantine (system, resource, legacy_id, reason, detail, payload) VALUES ('dms', 'metrics-test', 'q1', 'INVALID_SHAPE', 'test', '{}'), ('dms', 'metrics-test', 'q2', 'INVALID_SHAPE', 'test', '{}') RETURNING id`,
    );
    expect(sample(await scrape(metrics), 'casebridge_quarantine_items', labels)).toBe(2);
    await db.query(`UPDATE sync.quarantine SET resolved_at = now(), resolution = 'DELETED' WHERE id = $1`, [ids[0]!.id]);
    expect(sample(await scrape(metrics), 'casebridge_quarantine_items', labels)).toBe(1);
  });

  it('shows sync lag, circuits and notifications after the first import', async () => {
    const text = await scrape(metrics);
    for (const [system, resource] of [['cms', 'matters'], ['dms', 'documents']] as const) {
      const lag = sample(text, 'casebridge_sync_lag_seconds', { system, resource });
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThan(3600);
    }
    for (const system of ['cms', 'dms', 'billing']) {
      expect(sample(text, 'casebridge_legacy_circuit_state', { system, state: 'CLOSED' })).toBe(1);
      expect(sample(text, 'casebridge_legacy_circuit_state', { system, state: 'OPEN' })).toBe(0);
    }
    const [{ n: sent }] = await system.database.dataSource.query(`SELECT count(*)::int AS n FROM notifications.notifications WHERE status = 'SENT'`);
    expect(sample(text, 'casebridge_notifications', { status: 'SENT' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'casebridge_notifications', { status: 'SENT' })).toBeLessThanOrEqual(sent);
    expect(sample(text, 'casebridge_notification_deliveries_failed')).toBe(0);
    // The import itself went through the legacy HTTP client.
    expect(total(text, 'casebridge_legacy_requests_total', { system: 'cms', status: '200' })).toBeGreaterThan(0);
  });

  it('answers /livez and /healthz on the gateway, each subgraph and the metrics port', async () => {
    const servers = [base, metrics, ...Object.values(system.subgraphUrls).map((url) => url.replace(/\/graphql$/, ''))];
    for (const server of servers) {
      const live = await fetch(`${server}/livez`);
      expect([server, live.status, await live.json()]).toEqual([server, 200, { status: 'alive' }]);
      const ready = await fetch(`${server}/healthz`);
      expect([server, ready.status, await ready.json()]).toEqual([server, 200, { status: 'ok' }]);
    }
  });
});
