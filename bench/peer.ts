/**
 * `npm run bench:peer`: our gateway side by side with Hive Gateway 2.15 (bench/peer/, installed by
 * this script with `npm ci --prefix bench/peer` when missing, so the product's install stays lean)
 * over the same supergraph, the same subgraph processes and the same database, each gateway in its
 * own process. Hive runs four ways: defaults; with its Rust planner (@graphql-hive/router-runtime);
 * in-flight deduplication off; both. Every gateway forwards the same signed identity.
 *
 * Before any timing, every gateway's answers are compared with ours byte for byte (key order
 * canonicalised if that alone differs, and said so) for the demo client and, fired concurrently,
 * for each bench client: the bench aborts with a diff if one differs.
 *
 * Workloads (autocannon): (a) one client token, (b) 50 distinct clients (bench logins made through
 * the real account path, one token per connection); each with the portal dashboard query
 * (matters → documents, billing) and a one-subgraph query (matters); plus the floor: each fetch of
 * the query's plan replayed straight at its subgraph with the same concurrency (workload a).
 * Two interleaved rounds. Per cell: RPS, p50/p99, errors/non-2xx, CPU ms per request of the
 * gateway process and of the subgraph processes (/proc/<pid>/stat). Then the ratios.
 *
 * Database: a fresh database on DATABASE_URL's server when set, else the embedded PGlite (in this
 * process, so it competes with the load generator: prefer PostgreSQL for figures).
 *
 * Environment:
 *   BENCH_DURATION_SECONDS  seconds per cell (default 12)
 *   BENCH_CONNECTIONS       concurrent connections (default 50; also the number of bench clients)
 *   BENCH_ROUNDS            interleaved rounds (default 2)
 *   BENCH_GATEWAYS          comma-separated subset of: ours, hive, hive-rust, hive-nodedup, hive-rust-nodedup, floor
 *   BENCH_WORKLOADS         comma-separated subset of: one-token, many-clients
 *   BENCH_QUERIES           comma-separated subset of: dashboard, one-subgraph
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { SubgraphName } from '../shared/config.js';
import { verifyAccessToken } from '../shared/auth/tokens.js';
import { createTestDatabase } from '../test/support/database.js';
import { DASHBOARD, ONE_SUBGRAPH, machineLine, runLoad } from './support/load.js';
import { queryText, recordPlanFetches, startBenchSystem } from './support/system.js';
import { measureFloor } from './support/floor.js';
import { startBenchProcess, type BenchProcess } from './support/processes.js';
import { benchClientTokens } from './support/clients.js';
import { sameAnswer } from './support/compare.js';
import { measures, ratio, table, type Cell } from './support/report.js';

const list = (name: string, all: readonly string[]) => {
  const chosen = (process.env[name] ?? all.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = chosen.filter((s) => !all.includes(s));
  if (unknown.length) throw new Error(`${name}: unknown ${unknown.join(', ')} (choose from ${all.join(', ')})`);
  return chosen;
};
const duration = Number(process.env.BENCH_DURATION_SECONDS ?? 12);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const HIVE_CONFIGS = {
  hive: { label: 'Hive Gateway, defaults', env: {} },
  'hive-rust': { label: 'Hive + Rust planner', env: { HIVE_PLANNER: 'rust' } },
  'hive-nodedup': { label: 'Hive, dedup off', env: { HIVE_DEDUP: 'off' } },
  'hive-rust-nodedup': { label: 'Hive + Rust, dedup off', env: { HIVE_PLANNER: 'rust', HIVE_DEDUP: 'off' } },
} as const;
const OURS = 'casebridge (as shipped)';
const FLOOR = 'slowest plan fetch, directly (floor)';
const gatewayKeys = list('BENCH_GATEWAYS', ['ours', ...Object.keys(HIVE_CONFIGS), 'floor']);
const workloads = list('BENCH_WORKLOADS', ['one-token', 'many-clients']);
const QUERIES = { dashboard: DASHBOARD, 'one-subgraph': ONE_SUBGRAPH } as const;
const queries = list('BENCH_QUERIES', Object.keys(QUERIES)) as Array<keyof typeof QUERIES>;
const say = (line: string) => process.stdout.write(`${line}\n`);
const benchStarted = performance.now();
const progress = (line: string) => process.stderr.write(`[${((performance.now() - benchStarted) / 1000).toFixed(0)} s] ${line}\n`);

// The peer's own install, apart from the product's.
if (gatewayKeys.some((g) => g.startsWith('hive')) && !existsSync(new URL('./peer/node_modules/@graphql-hive/gateway/package.json', import.meta.url))) {
  say('installing Hive Gateway into bench/peer/node_modules (npm ci --prefix bench/peer) …');
  execFileSync('npm', ['ci', '--prefix', new URL('./peer', import.meta.url).pathname, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

const database = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
progress('starting the system and its first import');
const bench = await startBenchSystem(database ? { DATABASE_URL: database.url } : {});
const { system, config } = bench;
const processes: BenchProcess[] = [];
const subgraphProcesses = new Set<BenchProcess>();
try {
  progress('starting the subgraph and gateway processes');
  const childEnv = { ...bench.env, DATABASE_URL: system.databaseUrl };
  const subgraphs = await Promise.all((['matters', 'documents', 'billing', 'notifications'] as const).map(
    (name) => startBenchProcess(`${name} subgraph`, 'bench/support/serve.ts', [name], childEnv)));
  processes.push(...subgraphs);
  for (const subgraph of subgraphs) subgraphProcesses.add(subgraph);
  const subgraphUrls = Object.fromEntries(subgraphs.map((s, i) => [(['matters', 'documents', 'billing', 'notifications'] as const)[i], s.url])) as Partial<Record<SubgraphName, string>>;
  const gatewayEnv = { ...childEnv, ...Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_SUBGRAPH_URL`, url!])) };

  const gateways = new Map<string, BenchProcess>();
  const unavailable: string[] = [];
  const wanted = [
    ...(gatewayKeys.includes('ours') ? [{ label: OURS, entry: 'bench/support/serve.ts', args: ['gateway'], env: {} }] : []),
    ...Object.entries(HIVE_CONFIGS).filter(([key]) => gatewayKeys.includes(key)).map(([, hive]) => ({ label: hive.label, entry: 'bench/peer/hive-gateway.ts', args: [], env: hive.env })),
  ];
  const started = await Promise.allSettled(wanted.map((g) => startBenchProcess(g.label, g.entry, g.args, { ...gatewayEnv, ...g.env })));
  started.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') gateways.set(wanted[i].label, outcome.value);
    else unavailable.push(`${wanted[i].label}: ${(outcome.reason as Error).message}`);
  });
  processes.push(...gateways.values());
  const ours = gateways.get(OURS);
  if (!ours) throw new Error('BENCH_GATEWAYS must include ours: every answer is compared with it');

  progress('bench logins');
  const avaToken = await bench.login('ava.martin@example.com');
  const { tokens, clients } = workloads.includes('many-clients')
    ? await benchClientTokens(system.database.dataSource, bench.login, connections)
    : { tokens: [], clients: 0 };

  progress('comparing answers');
  // Same answers before any timing: the demo client one by one, then every bench client at once (twice).
  const expected = new Map<string, string>();
  const sameness = new Set<string>();
  for (const query of queries) {
    const ourAnswer = await queryText(ours.url, avaToken, QUERIES[query]);
    const ourAnswers: string[] = [];
    for (const token of tokens) ourAnswers.push(await queryText(ours.url, token, QUERIES[query]));
    for (const [label, gateway] of gateways) {
      const answer = await queryText(gateway.url, avaToken, QUERIES[query]);
      sameness.add(`${label}: ${sameAnswer(`${label}, ${query}, ava.martin`, ourAnswer, answer)}`);
      expected.set(`${label}|${query}`, answer);
      // Ten clients at a time, each twice: identical fetches of different principals overlap, so one shared across them would show.
      for (let from = 0; from < tokens.length; from += 10) {
        const batch = tokens.slice(from, from + 10);
        const concurrent = await Promise.all([...batch, ...batch].map((token) => queryText(gateway.url, token, QUERIES[query])));
        concurrent.forEach((theirs, i) => {
          const client = from + (i % batch.length);
          sameness.add(`${label}: ${sameAnswer(`${label}, ${query}, bench client ${client + 1}`, ourAnswers[client], theirs)}`);
        });
      }
    }
  }

  // The floor: the plan's fetches, recorded once, replayed directly.
  const principal = await verifyAccessToken(avaToken, config.auth);
  const plans = new Map<string, Awaited<ReturnType<typeof recordPlanFetches>>>();
  if (gatewayKeys.includes('floor')) for (const query of queries) plans.set(query, await recordPlanFetches(bench, subgraphUrls, avaToken, QUERIES[query]));

  const subgraphCpu = () => subgraphs.reduce((sum, s) => sum + s.cpuMs(), 0);
  const cells: Cell[] = [];
  const load = { connections, duration };
  for (let round = 1; round <= rounds; round++) {
    for (const workload of workloads) {
      for (const query of queries) {
        const body = JSON.stringify({ query: QUERIES[query] });
        for (const [label, gateway] of gateways) {
          const [gatewayBefore, subgraphsBefore] = [gateway.cpuMs(), subgraphCpu()];
          const result = workload === 'one-token'
            ? await runLoad(gateway.url, body, { ...load, headers: { authorization: `Bearer ${avaToken}` }, expectBody: expected.get(`${label}|${query}`) })
            : await runLoad(gateway.url, body, { ...load, headersOf: (connection) => ({ authorization: `Bearer ${tokens[connection % tokens.length]}` }) });
          const requests = Math.max(1, result.requests.total);
          cells.push({ gateway: label, workload, query, round, result, gatewayCpuMs: (gateway.cpuMs() - gatewayBefore) / requests, subgraphCpuMs: (subgraphCpu() - subgraphsBefore) / requests });
          progress(`round ${round} ${workload} ${query} ${label}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms`);
        }
        const plan = plans.get(query);
        if (plan && workload === 'one-token') {
          const subgraphsBefore = subgraphCpu();
          const { fetches, slowest } = await measureFloor(plan, principal, config.auth.subgraphSecret, load);
          const requests = fetches.reduce((sum, f) => sum + Math.max(1, f.result.requests.total), 0);
          cells.push({ gateway: FLOOR, workload, query, round, result: slowest.result, gatewayCpuMs: null, subgraphCpuMs: (subgraphCpu() - subgraphsBefore) / requests });
          progress(`round ${round} ${workload} ${query} floor (${fetches.map((f) => `${f.subgraph} ${Math.round(f.result.requests.average)} req/s p99 ${f.result.latency.p99} ms`).join(', ')})`);
        }
      }
    }
  }

  const labels = [...gateways.keys(), FLOOR];
  const rust = HIVE_CONFIGS['hive-rust'].label;
  say(`\n${machineLine('bench:peer')} — the machine may be shared: compare ratios within one run`);
  say(`database: ${database ? 'PostgreSQL (a fresh database on DATABASE_URL\'s server)' : 'embedded PGlite in the bench process'}; ${connections} connections, ${duration} s per cell, ${rounds} interleaved round(s); ranges over the rounds`);
  if (workloads.includes('many-clients')) say(`bench clients: ${tokens.length} logins, each its own token, over ${clients} CMS clients with matters`);
  for (const line of [...sameness].sort()) say(`answers: ${line}`);
  for (const line of unavailable) say(`not measured: ${line}`);
  for (const workload of workloads) {
    for (const query of queries) {
      const mine = cells.filter((c) => c.workload === workload && c.query === query);
      say(`\n### ${workload === 'one-token' ? '(a) one client token' : `(b) ${tokens.length} distinct clients`}, ${query} query\n`);
      say(table(mine, labels));
      say(`\nours / Hive+Rust: RPS ${ratio(mine, OURS, rust, measures.rps)}, p99 ${ratio(mine, OURS, rust, measures.p99)}; ours / Hive defaults: RPS ${ratio(mine, OURS, HIVE_CONFIGS.hive.label, measures.rps)}, p99 ${ratio(mine, OURS, HIVE_CONFIGS.hive.label, measures.p99)}`);
      const floor = cells.filter((c) => c.gateway === FLOOR && c.query === query);
      if (floor.length) say(`p99 over the floor's p99 (the plan's slowest fetch, one token): ${labels.filter((l) => l !== FLOOR).map((l) => `${l} ${ratio([...mine, ...floor], l, FLOOR, measures.p99)}`).join(', ')}`);
    }
  }
} finally {
  // Gateways first: a gateway still running when its subgraphs go logs a reset for every open connection.
  await Promise.all(processes.filter((p) => !subgraphProcesses.has(p)).map((p) => p.stop()));
  await Promise.all([...subgraphProcesses].map((p) => p.stop()));
  await system.close();
  await database?.drop();
}
process.exit(0);
