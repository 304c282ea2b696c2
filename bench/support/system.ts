import { loadConfig, type Config, type SubgraphName } from '../../shared/config.js';
import { createLogger, type Logger } from '../../shared/logger.js';
import { loadSimulatorConfig } from '../../legacy/config.js';
import { startSystem, type System } from '../../system/start-system.js';
import { startGateway } from '../../gateway/server.js';
import { isInitialImportDone } from '../../subgraphs/ingest/index.js';
import { DEMO_PASSWORD } from '../../shared/auth/demo-accounts.js';
import { startRecordingProxy, type RecordedFetch } from '../recording-proxy.js';

/** The environment of a bench's system: random ports, quiet, no scheduled syncs, no traffic limits. */
export function benchEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env, PORT: '0', MATTERS_PORT: '0', DOCUMENTS_PORT: '0', BILLING_PORT: '0', NOTIFICATIONS_PORT: '0', AUDIT_PORT: '0',
    INGEST_PORT: '0', INTAKE_PORT: '0', CMS_SIM_PORT: '0', DMS_SIM_PORT: '0', BILLING_SIM_PORT: '0', DATA_DIR: '', LOG_LEVEL: 'warn',
    SIM_RATE_LIMIT_PER_MINUTE: '100000', LEGACY_REQUESTS_PER_MINUTE: '100000', SYNC_INTERVAL_SECONDS: '3600', TOKEN_TTL_SECONDS: '3600',
    // The load comes from one address and one client: the gateway's traffic limits would measure themselves.
    RATE_LIMIT_CLIENT_PER_MINUTE: '10000000', RATE_LIMIT_ADDRESS_PER_MINUTE: '10000000',
    ...overrides,
  };
}

export interface BenchSystem {
  system: System;
  config: Config;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** POST /auth/login; the access token. */
  login(email: string, password?: string): Promise<string>;
}

/** The whole system in this process (embedded database and simulators unless the env names others), the first import done. */
export async function startBenchSystem(overrides: Record<string, string> = {}): Promise<BenchSystem> {
  const env = benchEnv(overrides);
  const config = loadConfig(env);
  const logger = createLogger('bench', 'warn');
  const system = await startSystem(config, loadSimulatorConfig(env), logger);
  await system.firstImport;
  const loginUrl = system.gatewayUrl.replace(/\/graphql$/, '/auth/login');
  return {
    system, config, env, logger,
    async login(email, password = DEMO_PASSWORD) {
      const response = await fetch(loginUrl, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
      });
      if (!response.ok) throw new Error(`login failed for ${email}: ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    },
  };
}

/** POSTs a GraphQL query with a bearer token; the answer's exact text, or an error naming the status and errors. */
export async function queryText(url: string, token: string, query: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }),
  });
  const text = await response.text();
  if (!response.ok || text.includes('"errors"')) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return text;
}

/**
 * The subgraph fetches of one query's plan, recorded by routing it once through a gateway whose
 * subgraphs sit behind recording proxies: the benches replay them directly to measure the floor.
 */
export async function recordPlanFetches(bench: BenchSystem, subgraphUrls: Partial<Record<SubgraphName, string>>, token: string, query: string): Promise<RecordedFetch[]> {
  const { config, system, logger } = bench;
  const recorded: RecordedFetch[] = [];
  const proxies = await Promise.all(
    (Object.entries(subgraphUrls) as Array<[SubgraphName, string]>).map(async ([name, url]) => [name, await startRecordingProxy(name, url, recorded)] as const),
  );
  const recordingGateway = await startGateway({
    config, dataSource: system.database.dataSource, logger, port: 0,
    subgraphUrls: Object.fromEntries(proxies.map(([name, proxy]) => [name, proxy.url])),
    isReady: () => isInitialImportDone(system.database.dataSource),
  });
  try {
    await queryText(recordingGateway.url, token, query);
  } finally {
    await recordingGateway.close();
    await Promise.all(proxies.map(([, proxy]) => proxy.close()));
  }
  return recorded;
}
