import { loadConfig, type Config } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import { loadSimulatorConfig } from '../../legacy/config.js';
import { startSystem, type System } from '../../system/start-system.js';
import { loadChatbotConfig } from '../../chatbot/config.js';
import { createTestDatabase } from './database.js';

/** Environment for an in-process system on random ports, quiet, with a fresh database. */
export function testEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PORT: '0', MATTERS_PORT: '0', DOCUMENTS_PORT: '0', BILLING_PORT: '0', NOTIFICATIONS_PORT: '0', AUDIT_PORT: '0', INGEST_PORT: '0', INTAKE_PORT: '0',
    CMS_SIM_PORT: '0', DMS_SIM_PORT: '0', BILLING_SIM_PORT: '0',
    LOG_LEVEL: 'silent', NODE_ENV: 'test', SYNC_INTERVAL_SECONDS: '3600', SYNC_RECONCILE_SECONDS: '0', METRICS_PORT: '0',
    SIM_RATE_LIMIT_PER_MINUTE: '100000', LEGACY_REQUESTS_PER_MINUTE: '100000',
    ...overrides,
  };
}

export interface TestSystem extends System {
  config: Config;
  /** POST /auth/login and return the token. */
  login(email: string, password?: string): Promise<string>;
  /** POST /graphql with the token; returns the parsed body. */
  graphql<T = Record<string, unknown>>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> }>;
  stop(): Promise<void>;
}

/** The whole system in this process against a fresh database; the first import is done when it resolves. */
export async function startTestSystem(overrides: Record<string, string> = {}): Promise<TestSystem> {
  const database = await createTestDatabase();
  const env = testEnv({ DATABASE_URL: database.url, ...overrides });
  const config = loadConfig(env);
  const system = await startSystem(config, loadSimulatorConfig(env), createLogger('test', 'silent'), loadChatbotConfig(env));
  try {
    await system.firstImport;
  } catch (error) {
    await system.close();
    await database.drop();
    throw error;
  }
  const base = system.gatewayUrl.replace(/\/graphql$/, '');
  return {
    ...system,
    config,
    async login(email, password = 'casebridge-demo') {
      const response = await fetch(`${base}/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
      });
      if (response.status !== 200) throw new Error(`login as ${email} answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    async graphql(token, query, variables) {
      const response = await fetch(system.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return response.json() as never;
    },
    async stop() {
      await system.close();
      await database.drop();
    },
  };
}
