/**
 * A subgraph called in process (npm start) answers exactly as over HTTP: the same signed identity
 * is required, the same refusal given without it, the same data with it.
 */
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { IDENTITY_HEADER, signSubgraphIdentity } from '../auth/subgraph-identity.js';
import type { Principal } from '../auth/principal.js';
import type { RunningServer } from './subgraph-server.js';
import { startBillingSubgraph } from '../../subgraphs/billing/server.js';
import { createMigratedTestDatabase } from '../../test/support/database.js';

const admin: Principal = { accountId: 'account-admin', email: 'admin@example.com', role: 'ADMIN', clientId: null, staffId: null };
const QUERY = '{ _service { sdl } }';

describe('a subgraph called in process', () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let billing: RunningServer;
  /** The same request, over HTTP or handed to the subgraph in this process. */
  const ask = async (via: 'http' | 'in process', headers: Record<string, string>) => {
    const send = via === 'http' ? fetch : billing.inProcess!;
    const response = await send(billing.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: QUERY }) });
    return { status: response.status, body: await response.json() as unknown };
  };

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    billing = await startBillingSubgraph({ config, dataSource: database.db.dataSource, logger: createLogger('test', 'silent'), port: 0 });
  });
  afterAll(async () => {
    await billing?.close();
    await database?.drop();
  });

  it('refuses a request without the gateway identity with the same 401 as over HTTP', async () => {
    const refused = await ask('in process', {});
    expect(refused.status).toBe(401);
    expect(refused).toEqual(await ask('http', {}));
    expect(JSON.stringify(refused.body)).toContain('UNAUTHENTICATED');
  });

  it('refuses an identity signed for another operation, and answers one signed for this one as HTTP does', async () => {
    const other = await signSubgraphIdentity(admin, config.auth.subgraphSecret, { subgraph: 'billing', operation: { query: '{ __typename }' } });
    expect((await ask('in process', { [IDENTITY_HEADER]: other })).status).toBe(401);
    const signed = await signSubgraphIdentity(admin, config.auth.subgraphSecret, { subgraph: 'billing', operation: { query: QUERY } });
    const answered = await ask('in process', { [IDENTITY_HEADER]: signed });
    expect(answered).toEqual({ status: 200, body: { data: { _service: { sdl: expect.stringContaining('type Invoice') } } } });
    expect(answered).toEqual(await ask('http', { [IDENTITY_HEADER]: signed }));
  });
});
