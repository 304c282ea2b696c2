/**
 * The integrator's deployment: every process started on its own with its npm script (as
 * docker-compose.yml runs them) against one shared DATABASE_URL, talking over HTTP only.
 */
import { DEMO } from '../legacy/firm/demo.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { freePort, runScript, stopProcess, waitFor, type RunningProcess } from './support/processes.js';

describe('each process on its own', () => {
  let database: TestDatabase;
  const processes: RunningProcess[] = [];
  let gateway: string;
  let apiPorts: Record<string, string>;
  /** Each script's own metrics port (METRICS_PORT), so that they can all be read here. */
  const metricsPorts: Record<string, number> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    const ports = Object.fromEntries(
      await Promise.all(['PORT', 'MATTERS_PORT', 'DOCUMENTS_PORT', 'BILLING_PORT', 'NOTIFICATIONS_PORT', 'AUDIT_PORT', 'INGEST_PORT', 'INTAKE_PORT', 'CMS_SIM_PORT', 'DMS_SIM_PORT', 'BILLING_SIM_PORT']
        .map(async (name) => [name, String(await freePort())])),
    ) as Record<string, string>;
    apiPorts = ports;
    const subgraphUrl = (port: string) => `http://127.0.0.1:${port}/graphql`;
    const env = {
      ...ports,
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      CMS_URL: `http://127.0.0.1:${ports.CMS_SIM_PORT}`,
      DMS_URL: `http://127.0.0.1:${ports.DMS_SIM_PORT}`,
      BILLING_URL: `http://127.0.0.1:${ports.BILLING_SIM_PORT}`,
      MATTERS_SUBGRAPH_URL: subgraphUrl(ports.MATTERS_PORT!),
      DOCUMENTS_SUBGRAPH_URL: subgraphUrl(ports.DOCUMENTS_PORT!),
      BILLING_SUBGRAPH_URL: subgraphUrl(ports.BILLING_PORT!),
      NOTIFICATIONS_SUBGRAPH_URL: subgraphUrl(ports.NOTIFICATIONS_PORT!),
      AUDIT_SUBGRAPH_URL: subgraphUrl(ports.AUDIT_PORT!),
      INGEST_SUBGRAPH_URL: subgraphUrl(ports.INGEST_PORT!),
      INTAKE_SUBGRAPH_URL: subgraphUrl(ports.INTAKE_PORT!),
      DEMO_ACCOUNTS: 'true',
      SIM_RATE_LIMIT_PER_MINUTE: '100000',
    };
    gateway = `http://127.0.0.1:${ports.PORT}`;
    for (const script of ['start:legacy', 'start:matters', 'start:documents', 'start:billing', 'start:notifications', 'start:audit', 'start:ingest', 'start:intake', 'start:worker', 'start:gateway', 'start:chatbot']) {
      if (script === 'start:legacy') {
        processes.push(runScript(script, env));
        continue;
      }
      metricsPorts[script] = await freePort();
      const own = script === 'start:chatbot' ? { CHATBOT_PORT: String(await freePort()), GATEWAY_URL: `${gateway}/graphql` } : {};
      processes.push(runScript(script, { ...env, ...own, METRICS_PORT: String(metricsPorts[script]) }));
    }
    await waitFor(
      async () => (await fetch(`${gateway}/healthz`)).status === 200,
      90_000,
      () => processes.map((p) => `--- ${p.name} (exit ${p.child.exitCode})\n${p.output()}`).join('\n'),
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => stopProcess(p)));
    await database?.drop();
  });

  it('serves a client their matters across the subgraphs, signed in at the first try once /healthz is green', async () => {
    // A process that died at start-up (a subgraph whose migration failed) shows as an internal error below: name it here.
    expect(processes.filter((p) => p.child.exitCode !== null).map((p) => `${p.name} exited ${p.child.exitCode}: ${p.output()}`)).toEqual([]);
    // Ready means the demo logins exist and the rules have decided the import (gateway/readiness.ts): no retrying here.
    const login = await fetch(`${gateway}/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ava.martin@example.com', password: 'casebridge-demo' }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const response = await fetch(`${gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ matters { number stage client { name } documents { name } invoices { number } balance { amount } } }' }),
    });
    const body = (await response.json()) as { data?: { matters: Array<{ number: string; stage: string; client: { name: string } }> }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.matters.length).toBeGreaterThanOrEqual(2);
    expect(new Set(body.data!.matters.map((m) => m.client.name))).toEqual(new Set(['Ava Martin']));
    expect(body.data!.matters.find((m) => m.number === DEMO.avaDiscoveryMatter.displayNumber)?.stage).toBe('DISCOVERY');
  });

  it('answers /livez, /healthz and /metrics on each process\'s own metrics port, and /metrics never on the API port', async () => {
    for (const [script, port] of Object.entries(metricsPorts)) {
      const base = `http://127.0.0.1:${port}`;
      const live = await fetch(`${base}/livez`);
      expect([script, live.status, await live.json()]).toEqual([script, 200, { status: 'alive' }]);
      await waitFor(async () => (await fetch(`${base}/healthz`)).status === 200, 30_000, () => `${script}: /healthz stayed unready`);
      const text = await (await fetch(`${base}/metrics`)).text();
      expect([script, text]).toEqual([script, expect.stringContaining('process_cpu_seconds_total')]);
    }
    const worker = await (await fetch(`http://127.0.0.1:${metricsPorts['start:worker']}/metrics`)).text();
    expect(worker).toMatch(/^casebridge_sync_lag_seconds\{system="cms",resource="matters"\} \d/m);
    expect(worker).toMatch(/^casebridge_outbox_backlog_events\{consumer="rules"\} \d/m);
    expect(worker).toMatch(/^casebridge_legacy_requests_total\{system="cms",status="200",retry="false"\} [1-9]/m);
    // The API ports: health beside the graph, metrics never.
    expect((await fetch(`${gateway}/metrics`)).status).toBe(404);
    expect((await fetch(`${gateway}/livez`)).status).toBe(200);
    for (const name of ['MATTERS_PORT', 'DOCUMENTS_PORT', 'BILLING_PORT', 'NOTIFICATIONS_PORT', 'AUDIT_PORT', 'INGEST_PORT', 'INTAKE_PORT']) {
      const base = `http://127.0.0.1:${apiPorts[name]}`;
      expect([name, (await fetch(`${base}/livez`)).status, (await fetch(`${base}/healthz`)).status, (await fetch(`${base}/metrics`)).status]).toEqual([name, 200, 200, 404]);
    }
  });
});
