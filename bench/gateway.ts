/**
 * `npm run bench:gateway`: the portal dashboard query through the gateway (50 concurrent clients,
 * 30 s), the slowest subgraph fetch of its plan called directly (the floor), and the SQL
 * statements the query costs for a client with 2 matters and one with 50; and the dashboard again
 * through subgraphs serving their SDL without the access directives enforced (row scoping stays),
 * for what authorization costs.
 * BENCH_DURATION_SECONDS and BENCH_CONNECTIONS override the load.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { loadSimulatorConfig } from '../legacy/config.js';
import { startSystem } from '../system/start-system.js';
import { startGateway } from '../gateway/server.js';
import { isInitialImportDone } from '../subgraphs/ingest/index.js';
import { signSubgraphIdentity } from '../shared/auth/subgraph-identity.js';
import { verifyAccessToken } from '../shared/auth/tokens.js';
import { DEMO_PASSWORD } from '../shared/auth/demo-accounts.js';
import { startRecordingProxy, type RecordedFetch } from './recording-proxy.js';
import { DASHBOARD } from './dashboard-query.js';
import type { SubgraphName } from '../shared/config.js';
import { z } from 'zod';

const recordedOperation = z.object({ query: z.string(), variables: z.unknown().optional() });
import { startMattersSubgraph } from '../subgraphs/matters/server.js';
import { startDocumentsSubgraph } from '../subgraphs/documents/server.js';
import { startBillingSubgraph } from '../subgraphs/billing/server.js';
import { startNotificationsSubgraph } from '../subgraphs/notifications/server.js';

const duration = Number(process.env.BENCH_DURATION_SECONDS ?? 30);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

const env = {
  ...process.env, PORT: '0', MATTERS_PORT: '0', DOCUMENTS_PORT: '0', BILLING_PORT: '0', NOTIFICATIONS_PORT: '0', AUDIT_PORT: '0',
  CMS_SIM_PORT: '0', DMS_SIM_PORT: '0', BILLING_SIM_PORT: '0', DATA_DIR: '', LOG_LEVEL: 'warn',
  SIM_RATE_LIMIT_PER_MINUTE: '100000', LEGACY_REQUESTS_PER_MINUTE: '100000', SYNC_INTERVAL_SECONDS: '3600', TOKEN_TTL_SECONDS: '3600',
  // The load comes from one address and one client: the gateway's traffic limits would measure themselves.
  RATE_LIMIT_CLIENT_PER_MINUTE: '10000000', RATE_LIMIT_ADDRESS_PER_MINUTE: '10000000',
};
const config = loadConfig(env);
const logger = createLogger('bench', 'warn');
const system = await startSystem(config, loadSimulatorConfig(env), logger);
await system.firstImport;
const { dataSource } = system.database;
const simulators = system.simulators!;

// A client with 50 matters: created in the CMS over its API, then synced like any change.
const BIG_CLIENT_EMAIL = 'ben.okafor@example.com';
const [{ id: bigClientId, matters: benMatters }] = await dataSource.query(
  `SELECT c.id, count(m.id)::int AS matters FROM matters.clients c LEFT JOIN matters.matters m ON m.client_id = c.id WHERE c.email = $1 GROUP BY c.id`,
  [BIG_CLIENT_EMAIL],
);
for (let i = benMatters; i < 50; i++) {
  const response = await fetch(`${simulators.cms.url}/api/v4/matters.json`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.legacy.cms.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { description: `Benchmark matter ${i + 1}`, status: 'Open', client: { id: Number(bigClientId) } } }),
  });
  if (!response.ok) throw new Error(`creating a matter in the CMS failed: ${response.status} ${await response.text()}`);
}
await system.syncNow();

async function login(email: string): Promise<string> {
  const response = await fetch(system.gatewayUrl.replace(/\/graphql$/, '/auth/login'), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login failed for ${email}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

async function dashboard(url: string, token: string): Promise<{ matters: unknown[] }> {
  const response = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: DASHBOARD }),
  });
  const body = (await response.json()) as { data?: { matters: unknown[] }; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`dashboard query failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function statementsFor(token: string): Promise<{ matters: number; statements: number }> {
  await dashboard(system.gatewayUrl, token); // warm caches (supergraph plan), so we count only the request's own SQL
  const before = system.database.queries.count;
  const data = await dashboard(system.gatewayUrl, token);
  return { matters: data.matters.length, statements: system.database.queries.count - before };
}

const avaToken = await login('ava.martin@example.com');
const benToken = await login(BIG_CLIENT_EMAIL);
const small = await statementsFor(avaToken);
const big = await statementsFor(benToken);

function run(url: string, headers: Record<string, string>, body: string, load = { connections, duration }) {
  return new Promise<autocannon.Result>((resolve, reject) =>
    autocannon({ url, method: 'POST', connections: load.connections, duration: load.duration, headers: { 'content-type': 'application/json', ...headers }, body }, (err, result) =>
      err ? reject(err) : resolve(result)),
  );
}

const viaGateway = await run(system.gatewayUrl, { authorization: `Bearer ${avaToken}` }, JSON.stringify({ query: DASHBOARD }));

// The same, through a second gateway over subgraphs that do not enforce their access directives.
const unenforcedOptions = { config, dataSource, logger, port: 0, enforceAuthorization: false };
const [matters, documents, billing, notifications] = await Promise.all([
  startMattersSubgraph(unenforcedOptions), startDocumentsSubgraph(unenforcedOptions),
  startBillingSubgraph(unenforcedOptions), startNotificationsSubgraph(unenforcedOptions),
]);
const unenforcedGateway = await startGateway({
  config, dataSource, logger, port: 0,
  subgraphUrls: { matters: matters.url, documents: documents.url, billing: billing.url, notifications: notifications.url },
  isReady: () => isInitialImportDone(dataSource),
});
await dashboard(unenforcedGateway.url, avaToken);
const withoutAuthorization = await run(unenforcedGateway.url, { authorization: `Bearer ${avaToken}` }, JSON.stringify({ query: DASHBOARD }));
// One client at a time: the latency authorization adds to a request, without queueing behind 49 others.
const oneAtATime = { connections: 1, duration: Math.min(duration, 10) };
const sequentialWith = await run(system.gatewayUrl, { authorization: `Bearer ${avaToken}` }, JSON.stringify({ query: DASHBOARD }), oneAtATime);
const sequentialWithout = await run(unenforcedGateway.url, { authorization: `Bearer ${avaToken}` }, JSON.stringify({ query: DASHBOARD }), oneAtATime);

// Record the plan's subgraph fetches by routing one request through recording proxies.
const recorded: RecordedFetch[] = [];
const proxies = await Promise.all(
  (Object.entries(system.subgraphUrls) as Array<[SubgraphName, string]>).map(async ([name, url]) => [name, await startRecordingProxy(name, url, recorded)] as const),
);
const recordingGateway = await startGateway({
  config, dataSource, logger, port: 0,
  subgraphUrls: Object.fromEntries(proxies.map(([name, proxy]) => [name, proxy.url])),
  isReady: () => isInitialImportDone(dataSource),
});
await dashboard(recordingGateway.url, avaToken);
await recordingGateway.close();
await Promise.all(proxies.map(([, proxy]) => proxy.close()));

const floors = [];
for (const fetchOfPlan of recorded) {
  // Subgraph identities live 15 s and are bound to their subgraph and operation: sign one per run for the recorded fetch.
  const operation = recordedOperation.parse(JSON.parse(fetchOfPlan.body));
  const fresh = await signSubgraphIdentity(await verifyAccessToken(avaToken, config.auth), config.auth.subgraphSecret, { subgraph: fetchOfPlan.subgraph, operation });
  // At most 10 s: the one identity must outlive the run.
  const result = await run(fetchOfPlan.url, { ...fetchOfPlan.headers, 'x-casebridge-identity': fresh }, fetchOfPlan.body, { connections, duration: Math.min(duration, 10) });
  floors.push({ subgraph: fetchOfPlan.subgraph, result });
}
const slowest = floors.reduce((a, b) => (b.result.latency.p50 > a.result.latency.p50 ? b : a));

const line = (label: string, r: autocannon.Result) =>
  `${label.padEnd(44)} p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   ${Math.round(r.requests.average)} req/s   (${r.non2xx} non-2xx, ${r.errors} errors)`;
console.log(`\nbench:gateway — ${connections} concurrent clients, ${duration} s each, database ${system.embeddedDatabase ? 'embedded PGlite' : 'PostgreSQL'}`);
console.log(line('dashboard query through the gateway', viaGateway));
console.log(line('  same, access directives not enforced', withoutAuthorization));
console.log(line('one client at a time, directives enforced', sequentialWith));
console.log(line('one client at a time, directives not enforced', sequentialWithout));
console.log(`authorization adds p50 ${sequentialWith.latency.p50 - sequentialWithout.latency.p50} ms one at a time, ${viaGateway.latency.p50 - withoutAuthorization.latency.p50} ms at ${connections} concurrent clients`);
for (const f of floors) console.log(line(`  plan fetch → ${f.subgraph} subgraph directly`, f.result));
console.log(line(`floor (slowest fetch: ${slowest.subgraph})`, slowest.result));
console.log(`SQL statements for the dashboard: ${small.statements} for a client with ${small.matters} matters, ${big.statements} for a client with ${big.matters} matters`);
// Closed last: requests autocannon abandoned may still be finishing in them until now.
await unenforcedGateway.close();
await Promise.all([matters, documents, billing, notifications].map((server) => server.close()));
await system.close();
process.exit(0);
