/**
 * /healthz says ready only when the graph tells the truth: the moment it answers 200, Ava's matter
 * in discovery reads DISCOVERY (the rules have decided the first import's history, not INTAKE) and
 * every demo login signs in at the first try.
 */
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../shared/auth/demo-accounts.js';
import { createAccount } from '../shared/auth/accounts.js';
import { findPartyByEmail } from '../subgraphs/matters/published-queries.js';
import { loadSimulatorConfig } from '../legacy/config.js';
import { DEMO } from '../legacy/firm/demo.js';
import { startSystem, type System } from '../system/start-system.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { waitFor } from './support/processes.js';
import { testEnv } from './support/system.js';

interface Running { system: System; base: string; stop(): Promise<void> }

/** The whole system on a fresh database, not waiting for system.firstImport: /healthz alone says when it may be used. */
async function startUnready(overrides: Record<string, string> = {}): Promise<Running> {
  const database: TestDatabase = await createTestDatabase();
  const env = testEnv({ DATABASE_URL: database.url, ...overrides });
  const system = await startSystem(loadConfig(env), loadSimulatorConfig(env), createLogger('test', 'silent'));
  return {
    system,
    base: system.gatewayUrl.replace(/\/graphql$/, ''),
    async stop() {
      await system.close();
      await database.drop();
    },
  };
}

async function untilHealthy(base: string): Promise<void> {
  let last = '';
  await waitFor(async () => {
    const response = await fetch(`${base}/healthz`);
    last = `${response.status} ${await response.text()}`;
    return response.status === 200;
  }, 120_000, () => `/healthz still answers ${last}`);
}

async function login(base: string, email: string, password: string): Promise<{ status: number; token: string | undefined }> {
  const response = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return { status: response.status, token: response.status === 200 ? ((await response.json()) as { token: string }).token : undefined };
}

async function avaDiscoveryMatter(running: Running, token: string | undefined): Promise<unknown> {
  const response = await fetch(running.system.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ matters { number stage } }' }),
  });
  const body = (await response.json()) as { data?: { matters: Array<{ number: string; stage: string }> }; errors?: unknown };
  return body.errors ?? body.data!.matters.find((m) => m.number === DEMO.avaDiscoveryMatter.displayNumber);
}

const DISCOVERY = { number: DEMO.avaDiscoveryMatter.displayNumber, stage: 'DISCOVERY' };

describe('readiness with the demo logins', () => {
  let running: Running;
  beforeAll(async () => { running = await startUnready(); }, 60_000);
  afterAll(() => running?.stop());

  it('answers 200 only once every demo login signs in and the rules have decided the import', async () => {
    await untilHealthy(running.base);
    const tokens = new Map<string, string | undefined>();
    for (const { email } of DEMO_LOGINS) {
      const { status, token } = await login(running.base, email, DEMO_PASSWORD);
      expect({ email, status }).toEqual({ email, status: 200 });
      tokens.set(email, token);
    }
    expect(await avaDiscoveryMatter(running, tokens.get(DEMO.emails.ava))).toEqual(DISCOVERY);
  });
});

describe('readiness without the demo logins', () => {
  let running: Running;
  beforeAll(async () => { running = await startUnready({ DEMO_ACCOUNTS: 'false' }); }, 60_000);
  afterAll(() => running?.stop());

  it("answers 200 only once the rules have decided the import: Ava's matter in discovery reads DISCOVERY, not INTAKE", async () => {
    await untilHealthy(running.base);
    const { dataSource } = running.system.database;
    const ava = await findPartyByEmail(dataSource, DEMO.emails.ava);
    const password = 'a password of her own, long enough';
    await createAccount(dataSource, { email: DEMO.emails.ava, password, role: 'CLIENT', clientId: ava!.id });
    expect(await avaDiscoveryMatter(running, (await login(running.base, DEMO.emails.ava, password)).token)).toEqual(DISCOVERY);
  });
});
