/**
 * The system the chaos suite runs: the three simulators and a real SMTP server in this process
 * (their faults and outages switched directly), the subgraphs and the gateway in this process too,
 * and the workers as real child processes (system/processes/worker.ts) it can SIGKILL, all on the
 * suite's own PostgreSQL cluster.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import { openDatabase, type Database } from '../../shared/db/data-source.js';
import { generateFirm } from '../../legacy/firm/generate.js';
import { startSimulators, type RunningSimulators } from '../../legacy/start.js';
import { DATABASE } from '../../system/modules.js';
import { RULES_CONSUMER, findPartyByEmail } from '../../subgraphs/matters/module.js';
import { graphReadiness } from '../../gateway/readiness.js';
import { startGraph, type RunningGraph } from '../support/graph.js';
import { killProcess, runFile, stopProcess, waitFor, type RunningProcess } from '../support/processes.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import type { OwnCluster } from '../support/pg-cluster.js';

const TOKEN = 'chaos-sim-token';
export const WORKERS = 2;

export interface ChaosHarness {
  sims: RunningSimulators;
  smtp: TestSmtp;
  db: Database;
  gatewayBase: string;
  token: string;
  /** Workers running now. */
  workers(): RunningProcess[];
  /** Starts a worker pinned to this Clio API version. */
  startWorker(clioApiVersion: string): RunningProcess;
  kill(worker: RunningProcess): Promise<void>;
  /** Resolves at the next API read a worker makes of a simulator (a sync in progress). */
  nextLegacyRead(): Promise<void>;
  close(dropDatabase: boolean): Promise<void>;
}

/** A pino logger for the simulators that tells the suite of each API request they served. */
function requestWatchingLogger(onRead: () => void) {
  return pino({ level: 'debug' }, {
    write(line: string) {
      const entry = JSON.parse(line) as { level: number; msg?: string; method?: string; url?: string };
      if (entry.msg === 'request' && entry.method === 'GET' && !entry.url?.startsWith('/_sim')) onRead();
      else if (entry.level >= 50) process.stderr.write(line);
    },
  });
}

export async function startChaosHarness(cluster: OwnCluster, firmSeed: number): Promise<ChaosHarness> {
  const name = `casebridge_chaos_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: cluster.serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const databaseUrl = cluster.serverUrl.replace(/\/postgres$/, `/${name}`);

  const readers: Array<() => void> = [];
  const smtp = await startTestSmtp();
  const sims = await startSimulators({
    firm: generateFirm({ seed: firmSeed, size: 'demo', now: new Date() }),
    token: TOKEN, rateLimitPerMinute: 100_000, ports: { cms: 0, dms: 0, billing: 0 },
    logger: requestWatchingLogger(() => { for (const wake of readers.splice(0)) wake(); }),
  });
  const env = {
    DATABASE_URL: databaseUrl, CMS_URL: sims.cms.url, DMS_URL: sims.dms.url, BILLING_URL: sims.billing.url, SIM_TOKEN: TOKEN,
    SMTP_URL: smtp.url, LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'error', DEMO_ACCOUNTS: 'false',
    SYNC_INTERVAL_SECONDS: '5', SYNC_RECONCILE_SECONDS: '30', DIGEST_WINDOW_SECONDS: '5', NOTIFY_POLL_SECONDS: '1', NOTIFY_RETRY_SECONDS: '3',
    LEGACY_REQUESTS_PER_MINUTE: '100000', LEGACY_BREAKER_COOLDOWN_SECONDS: '5', PORT: '0',
  };
  const config = loadConfig(env);
  const db = await openDatabase(databaseUrl, DATABASE);
  const graph: RunningGraph = await startGraph({
    // Its errors while PostgreSQL restarts are expected: the checks at the end say whether it recovered.
    config, dataSource: db.dataSource, logger: createLogger('chaos-graph', process.env.CHAOS_LOG_LEVEL ?? 'fatal'),
    isReady: graphReadiness(db.dataSource, { demoAccounts: false, historyConsumer: RULES_CONSUMER, findParty: findPartyByEmail }),
  });
  const gatewayBase = graph.gatewayUrl.replace(/\/graphql$/, '');
  const running = new Set<RunningProcess>();
  const all: RunningProcess[] = [];

  const harness: ChaosHarness = {
    sims, smtp, db, gatewayBase, token: TOKEN,
    workers: () => [...running],
    startWorker(clioApiVersion) {
      const worker = runFile('system/processes/worker.ts', { ...env, WEBHOOK_BASE_URL: gatewayBase, CLIO_API_VERSION: clioApiVersion });
      running.add(worker);
      all.push(worker);
      worker.child.once('exit', () => running.delete(worker));
      return worker;
    },
    async kill(worker) {
      await killProcess(worker);
      running.delete(worker);
    },
    nextLegacyRead: () => new Promise<void>((resolve) => readers.push(resolve)),
    async close(dropDatabase) {
      await Promise.all(all.map((w) => stopProcess(w)));
      await graph.close();
      await db.close();
      await sims.close();
      await smtp.close();
      if (dropDatabase) {
        const client = new pg.Client({ connectionString: cluster.serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      }
    },
  };
  for (let i = 0; i < WORKERS; i++) harness.startWorker(config.legacy.clioApiVersion);
  await waitFor(async () => (await fetch(`${gatewayBase}/healthz`)).status === 200, 180_000,
    () => `the first import never finished; workers said:\n${all.map((w) => w.output()).join('\n---\n')}`);
  return harness;
}

/** Worker output, for a failure message. */
export function workerOutput(harness: ChaosHarness): string {
  return harness.workers().map((w) => w.output().slice(-3000)).join('\n---\n');
}
