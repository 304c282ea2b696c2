/**
 * A scaled-out deployment on one PostgreSQL, each replica a process of its own started as
 * docker-compose.yml starts it: every subgraph twice behind its own round-robin proxy, two gateways
 * over those proxies behind a public round-robin proxy, three workers. The simulators and the SMTP
 * server run in the test's process.
 */
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort, runFile, stopProcess, waitFor, type RunningProcess } from '../support/processes.js';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { startTestSimulators, TEST_TOKEN, type SimulatorHarness } from '../../legacy/test-support.js';

export const SUBGRAPHS = ['matters', 'documents', 'billing', 'notifications', 'audit', 'ingest', 'intake'] as const;

export interface Deployment {
  database: TestDatabase;
  legacy: SimulatorHarness;
  smtp: TestSmtp;
  /** The public proxy over both gateways. */
  publicUrl: string;
  publicProxy: RoundRobinProxy;
  /** Each gateway directly (http://127.0.0.1:<port>). */
  gateways: string[];
  workers: RunningProcess[];
  output(): string;
  close(): Promise<void>;
}

export async function startDeployment(options: { gateways: number; subgraphReplicas: number; workers: number; env: Record<string, string> }): Promise<Deployment> {
  const database = await createTestDatabase();
  const legacy = await startTestSimulators();
  const smtp = await startTestSmtp();
  const processes: RunningProcess[] = [];
  const proxies: RoundRobinProxy[] = [];
  const env: Record<string, string> = {
    DATABASE_URL: database.url, CMS_URL: legacy.sims.cms.url, DMS_URL: legacy.sims.dms.url, BILLING_URL: legacy.sims.billing.url, SIM_TOKEN: TEST_TOKEN,
    SMTP_URL: smtp.url, LOG_LEVEL: 'info', DEMO_ACCOUNTS: 'false', SIM_RATE_LIMIT_PER_MINUTE: '100000', LEGACY_REQUESTS_PER_MINUTE: '100000',
    ...options.env,
  };
  const output = () => processes.map((p) => `--- ${p.name} (exit ${p.child.exitCode})\n${p.output().slice(-2000)}`).join('\n');
  const close = async () => {
    await Promise.all(processes.map((p) => stopProcess(p)));
    await Promise.all(proxies.map((p) => p.close()));
    await legacy.sims.close();
    await smtp.close();
    await database.drop();
  };
  try {
    // Start the processes as a batch: on a busy machine their start-up dominates the test.
    for (const name of SUBGRAPHS) {
      const replicas: string[] = [];
      for (let i = 0; i < options.subgraphReplicas; i++) {
        const port = String(await freePort());
        processes.push(runFile(`system/processes/${name}.ts`, { ...env, [`${name.toUpperCase()}_PORT`]: port }));
        replicas.push(`http://127.0.0.1:${port}`);
      }
      const proxy = await startRoundRobinProxy(replicas);
      proxies.push(proxy);
      env[`${name.toUpperCase()}_SUBGRAPH_URL`] = `${proxy.url}/graphql`;
    }
    const gateways: string[] = [];
    for (let i = 0; i < options.gateways; i++) {
      const port = String(await freePort());
      gateways.push(`http://127.0.0.1:${port}`);
    }
    const publicProxy = await startRoundRobinProxy(gateways);
    proxies.push(publicProxy);
    for (const gateway of gateways) processes.push(runFile('system/processes/gateway.ts', { ...env, PORT: new URL(gateway).port }));
    const workers: RunningProcess[] = [];
    for (let i = 0; i < options.workers; i++) workers.push(runFile('system/processes/worker.ts', { ...env, WEBHOOK_BASE_URL: publicProxy.url }));
    processes.push(...workers);
    for (const gateway of gateways) {
      await waitFor(async () => (await fetch(`${gateway}/healthz`)).status === 200, 150_000, output);
    }
    return { database, legacy, smtp, publicUrl: publicProxy.url, publicProxy, gateways, workers, output, close };
  } catch (error) {
    await close();
    throw error;
  }
}
