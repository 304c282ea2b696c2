/**
 * `npm run bench:gateway`: the portal dashboard query through the gateway (50 concurrent clients,
 * 30 s), the slowest subgraph fetch of its plan called directly (the floor), and the SQL
 * statements the query costs for a client with 2 matters and one with 50; and the dashboard again
 * through subgraphs serving their SDL without the access directives enforced (row scoping stays),
 * for what authorization costs.
 * BENCH_DURATION_SECONDS and BENCH_CONNECTIONS override the load. With OTEL_EXPORTER_OTLP_ENDPOINT
 * set, every request is traced and exported (what tracing costs per request). BENCH_CLIENTS=50
 * spreads the load over that many client logins (one per connection) instead of one token;
 * BENCH_SCOPE=dashboard measures only the dashboard and a one-subgraph query through the gateway
 * (no authorization or floor comparisons), for measuring a lever quickly.
 */
import 'reflect-metadata';
import type autocannon from 'autocannon';
import { startGateway } from '../gateway/server.js';
import { isInitialImportDone } from '../subgraphs/ingest/index.js';
import { verifyAccessToken } from '../shared/auth/tokens.js';
import { startTracingFromEnv } from '../shared/observability/tracing.js';
import { startMattersSubgraph } from '../subgraphs/matters/server.js';
import { startDocumentsSubgraph } from '../subgraphs/documents/server.js';
import { startBillingSubgraph } from '../subgraphs/billing/server.js';
import { startNotificationsSubgraph } from '../subgraphs/notifications/server.js';
import { DASHBOARD, ONE_SUBGRAPH, machineLine, runLoad } from './support/load.js';
import { benchClientTokens } from './support/clients.js';
import { queryText, recordPlanFetches, startBenchSystem } from './support/system.js';
import { measureFloor } from './support/floor.js';

const duration = Number(process.env.BENCH_DURATION_SECONDS ?? 30);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const clientCount = Number(process.env.BENCH_CLIENTS ?? 1);
const dashboardOnly = process.env.BENCH_SCOPE === 'dashboard';

const tracing = await startTracingFromEnv('casebridge-bench');
console.log(`tracing: ${tracing ? `on, exporting to ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}` : 'off'}`);
const bench = await startBenchSystem();
const { system, config, logger, login } = bench;
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

async function dashboard(url: string, token: string): Promise<{ matters: unknown[] }> {
  return (JSON.parse(await queryText(url, token, DASHBOARD)) as { data: { matters: unknown[] } }).data;
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
  return runLoad(url, body, { ...load, headers });
}

if (dashboardOnly || clientCount > 1) {
  const tokens = clientCount === 1 ? [avaToken] : (await benchClientTokens(dataSource, login, clientCount)).tokens;
  // Every token answers before timing: a refused login would measure the error path.
  await Promise.all(tokens.map((token) => dashboard(system.gatewayUrl, token)));
  const perConnection = { connections, duration, headersOf: (connection: number) => ({ authorization: `Bearer ${tokens[connection % tokens.length]}` }) };
  const dashboardRun = await runLoad(system.gatewayUrl, JSON.stringify({ query: DASHBOARD }), perConnection);
  const oneSubgraphRun = await runLoad(system.gatewayUrl, JSON.stringify({ query: ONE_SUBGRAPH }), perConnection);
  const show = (label: string, r: autocannon.Result) =>
    `${label.padEnd(44)} p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   ${Math.round(r.requests.average)} req/s   (${r.non2xx} non-2xx, ${r.errors} errors)`;
  console.log(`\n${machineLine('bench:gateway')}: ${connections} connections, ${clientCount === 1 ? 'one client token' : `${tokens.length} client logins`}, ${duration} s each, database ${system.embeddedDatabase ? 'embedded PGlite' : 'PostgreSQL'}`);
  console.log(show('dashboard query through the gateway', dashboardRun));
  console.log(show('one-subgraph query through the gateway', oneSubgraphRun));
  await system.close();
  await tracing?.shutdown();
  process.exit(0);
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

// The plan's subgraph fetches, replayed straight at the subgraphs (at most 10 s each).
const recorded = await recordPlanFetches(bench, system.subgraphUrls, avaToken, DASHBOARD);
const { fetches: floors, slowest } = await measureFloor(recorded, await verifyAccessToken(avaToken, config.auth), config.auth.subgraphSecret, { connections, duration: Math.min(duration, 10) });

const line = (label: string, r: autocannon.Result) =>
  `${label.padEnd(44)} p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   ${Math.round(r.requests.average)} req/s   (${r.non2xx} non-2xx, ${r.errors} errors)`;
console.log(`\n${machineLine('bench:gateway')}`);
console.log(`${connections} concurrent clients, ${duration} s each, database ${system.embeddedDatabase ? 'embedded PGlite' : 'PostgreSQL'}`);
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
await tracing?.shutdown();
process.exit(0);
