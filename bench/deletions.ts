/**
 * `npm run bench:deletions`: how long a client still sees a hearing after the firm deletes it in
 * the CMS — by webhook (the delivery is a notice, the worker reads the CMS, gets 404 and removes
 * the hearing) and by polling alone (webhooks off, the Agenda poll every BENCH_POLL_INTERVAL_SECONDS,
 * default 10). Each run adds a hearing to Ava's discovery matter through the CMS API, waits until her
 * graph shows it, deletes it, and times until her graph no longer does. Runs on the embedded PGlite,
 * or on the PostgreSQL server named by DATABASE_URL (the bench makes and drops its own database).
 * BENCH_DELETIONS sets the runs by webhook (default 20; a quarter of them, at least 4, by polling).
 */
import 'reflect-metadata';
import os from 'node:os';
import { DEFAULT_SIM_TOKEN, loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { loadSimulatorConfig } from '../legacy/config.js';
import { findAvaDiscoveryMatter, DEMO } from '../legacy/firm/demo.js';
import { startSystem, type System } from '../system/start-system.js';
import { createTestDatabase } from '../test/support/database.js';
import { testEnv } from '../test/support/system.js';

const pollSeconds = Number(process.env.BENCH_POLL_INTERVAL_SECONDS ?? 10);
const webhookRuns = Number(process.env.BENCH_DELETIONS ?? 20);
const pollRuns = Math.max(4, Math.round(webhookRuns / 4));
const EVENTS = `query { matters { events(upcoming: true) { id } } }`;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function measure(label: string, overrides: Record<string, string>, runs: number, timeoutMs: number): Promise<number[]> {
  const database = await createTestDatabase();
  // The bench polls Ava's graph every 25 ms: far above a client's rate limit, which is not what it measures.
  const env = testEnv({ DATABASE_URL: database.url, LOG_LEVEL: 'warn', RATE_LIMIT_CLIENT_PER_MINUTE: '1000000', RATE_LIMIT_ADDRESS_PER_MINUTE: '1000000', ...overrides });
  const system: System = await startSystem(loadConfig(env), loadSimulatorConfig(env), createLogger('bench', 'warn'));
  const delays: number[] = [];
  try {
    await system.firstImport;
    const base = system.gatewayUrl.replace(/\/graphql$/, '');
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO.emails.ava, password: 'casebridge-demo' }) });
    const { token } = (await login.json()) as { token: string };
    const visibleIds = async (): Promise<Set<string>> => {
      const response = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: EVENTS }) });
      const body = (await response.json()) as { data?: { matters: Array<{ events: Array<{ id: string }> }> }; errors?: unknown };
      if (!body.data) throw new Error(`the graph answered ${response.status}: ${JSON.stringify(body.errors)}`);
      return new Set(body.data.matters.flatMap((m) => m.events.map((e) => e.id)));
    };
    const cms = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
      const response = await fetch(`${system.simulators!.cms.url}${path}`, { ...init, headers: { authorization: `Bearer ${DEFAULT_SIM_TOKEN}`, 'content-type': 'application/json' } });
      return (response.status === 204 ? undefined : await response.json()) as T;
    };
    const matter = findAvaDiscoveryMatter(system.simulators!.firm);
    const types = await cms<{ data: Array<{ id: number; name: string }> }>('/api/v4/calendar_entry_event_types.json?fields=id,name');
    const hearing = types.data.find((t) => t.name === 'Hearing')!;
    for (let i = 0; i < runs; i += 1) {
      const startsAt = new Date(Date.now() + (30 + i) * 86_400_000).toISOString();
      const created = await cms<{ data: { id: string } }>('/api/v4/calendar_entries.json', {
        method: 'POST', body: JSON.stringify({ data: { summary: `Bench hearing ${i}`, start_at: startsAt, matter: { id: matter.id }, calendar_entry_event_type: { id: hearing.id } } }),
      });
      const id = `calendar:${created.data.id}`;
      await until('the new hearing in the graph', async () => (await visibleIds()).has(id), timeoutMs);
      const deleted = Date.now();
      await cms(`/api/v4/calendar_entries/${created.data.id}.json`, { method: 'DELETE' });
      await until('the deleted hearing gone from the graph', async () => !(await visibleIds()).has(id), timeoutMs);
      delays.push(Date.now() - deleted);
    }
    process.stdout.write(`${label}: ${runs} deletions, p50 ${quantile(delays, 0.5)} ms, p99 ${quantile(delays, 0.99)} ms, max ${Math.max(...delays)} ms\n`);
    return delays;
  } finally {
    await system.close();
    await database.drop();
  }
}

process.stdout.write(`bench:deletions on ${os.cpus().length} CPUs, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}: CMS deletion → the client's graph no longer shows the hearing\n`);
await measure('by webhook', { WEBHOOKS: 'true', SYNC_INTERVAL_SECONDS: '86400', SYNC_RECONCILE_SECONDS: '86400' }, webhookRuns, 30_000);
await measure(`by polling alone (webhooks off, a poll every ${pollSeconds} s, reconcile period 15 min)`, { WEBHOOKS: 'false', SYNC_INTERVAL_SECONDS: String(pollSeconds), SYNC_RECONCILE_SECONDS: '900' }, pollRuns, pollSeconds * 3000 + 30_000);
process.exit(0);
