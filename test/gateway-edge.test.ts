/**
 * The gateway's edge against an anonymous attacker, over real HTTP and real subgraphs: a megabyte
 * of variables costs a small, hashed audit row and, past the address's rate, not even a read of
 * the body; the address the limits see is one the client cannot choose; a subgraph identity
 * captured on the wire opens neither another subgraph nor another operation.
 */
import http from 'node:http';
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../shared/config.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { sha256Hex } from '../shared/audit/index.js';
import { MAX_AUDIT_VARIABLES_BYTES } from '../shared/audit/redact.js';
import { IDENTITY_HEADER, signSubgraphIdentity } from '../shared/auth/subgraph-identity.js';
import { issueAccessToken } from '../shared/auth/tokens.js';
import type { RunningServer } from '../shared/graphql/subgraph-server.js';
import { startGateway } from '../gateway/server.js';
import { createMigratedTestDatabase } from './support/database.js';
import { principals, seedFirm } from './support/firm.js';
import { postGraphQL } from './support/graphql.js';
import { startGraph, type RunningGraph } from './support/graph.js';
import { waitForAuditEntries } from './support/audit.js';

const ENV = { NODE_ENV: 'test', LOG_LEVEL: 'silent', TRUST_PROXY: 'loopback' };
const config = loadConfig(ENV);
const FLOOD = 'query Flood($note: String, $items: [String]) { me { email } }';

/** POSTs the first `sent` bytes of a `declared`-byte body and resolves with the status the gateway answers before the rest arrives. */
function answerBeforeBody(url: string, headers: Record<string, string>, declared: number, sent: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(declared), ...headers } });
    const deadline = setTimeout(() => {
      request.destroy();
      reject(new Error(`no answer within 10 s while ${declared - sent} bytes of the body were still unsent: the gateway waited for the body`));
    }, 10_000);
    request.on('response', (response) => {
      clearTimeout(deadline);
      response.resume();
      request.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    request.write(Buffer.alloc(sent, ' '));
  });
}

describe("the gateway's edge", () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let graph: RunningGraph;
  const gateways: RunningServer[] = [];
  const gateway = async (env: Record<string, string>, logger: Logger = createLogger('test', 'silent')) => {
    const started = await startGateway({ config: loadConfig({ ...ENV, ...env }), dataSource: testDb.db.dataSource, logger, port: 0, subgraphUrls: graph.subgraphUrls });
    gateways.push(started);
    return started.url;
  };
  const entriesFrom = (address: string, count = 1) => waitForAuditEntries(testDb.db.dataSource, (e) => e.address === address, count);

  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    await seedFirm(testDb.db.dataSource);
    graph = await startGraph({ config, dataSource: testDb.db.dataSource, logger: createLogger('test', 'silent') });
  });
  afterAll(async () => {
    for (const started of gateways) await started.close();
    await graph?.close();
    await testDb?.drop();
  });

  it('stores an anonymous megabyte of variables as a bounded row with the hash of what was cut', async () => {
    const url = await gateway({ RATE_LIMIT_ADDRESS_PER_MINUTE: '10' });
    const note = 'x'.repeat(1_000_000);
    const from = { 'x-forwarded-for': '192.0.2.80' };
    expect((await postGraphQL(url, FLOOD, { note }, from)).status).toBe(401);
    // Many small values instead of one big one: the row is bounded as a whole too.
    const items = Array.from({ length: 2_000 }, (_, i) => `${i}`.padEnd(400, 'y'));
    expect((await postGraphQL(url, FLOOD, { items }, from)).status).toBe(401);

    const [big, many] = await entriesFrom('192.0.2.80', 2);
    expect(big).toMatchObject({ outcome: 'DENIED', errorCodes: ['UNAUTHENTICATED'], operationName: 'Flood' });
    expect(big!.variables?.['note']).toMatch(new RegExp(`^x{120}… \\[TRUNCATED 1000000 bytes sha256:${sha256Hex(note)}\\]$`));
    const stored = many!.variables?.['items'];
    expect(Array.isArray(stored) && stored.at(-1)).toMatch(/^\[TRUNCATED \d+ bytes sha256:[0-9a-f]{64}\]$/);
    for (const entry of [big!, many!]) expect(Buffer.byteLength(JSON.stringify(entry.variables))).toBeLessThanOrEqual(MAX_AUDIT_VARIABLES_BYTES);
  });

  it("answers 429 past the address's rate before reading the body, and audits that without variables", async () => {
    const url = await gateway({ RATE_LIMIT_ADDRESS_PER_MINUTE: '2' });
    // The client picks the left-most X-Forwarded-For entry; the limits see the right-most one the trusted proxy added.
    for (const spoofed of ['203.0.113.1', '203.0.113.2']) {
      expect((await postGraphQL(url, FLOOD, { note: 'hello' }, { 'x-forwarded-for': `${spoofed}, 192.0.2.90` })).status).toBe(401);
    }
    const status = await answerBeforeBody(url, { 'x-forwarded-for': '203.0.113.3, 192.0.2.90' }, 1_000_000, 64 * 1024);
    expect(status).toBe(429);
    const entries = await entriesFrom('192.0.2.90', 3);
    expect(entries.map((e) => e.outcome)).toEqual(['DENIED', 'DENIED', 'DENIED']);
    expect(entries[2]).toMatchObject({ errorCodes: ['RATE_LIMITED'], variables: null });
  });

  it('refuses TRUST_PROXY=true, whose client address is whatever the client writes, and says what to set', () => {
    expect(() => loadConfig({ ...ENV, TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...ENV, TRUST_PROXY: 'true' })).toThrow(/number of proxies.*addresses\/subnets/);
    expect(loadConfig({ ...ENV, TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });

  it('takes the address one hop in with TRUST_PROXY=1, whatever the client put before it', async () => {
    const url = await gateway({ TRUST_PROXY: '1' });
    await postGraphQL(url, FLOOD, {}, { 'x-forwarded-for': '203.0.113.5, 192.0.2.91' });
    expect((await entriesFrom('192.0.2.91'))).toHaveLength(1);
  });

  it('warns once when requests come through a proxy while TRUST_PROXY is off', async () => {
    const lines: Array<{ level: number; msg: string }> = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line) as { level: number; msg: string }) });
    const url = await gateway({ TRUST_PROXY: 'false' }, logger);
    await postGraphQL(url, FLOOD, {});
    expect(lines.filter((l) => /TRUST_PROXY/.test(l.msg))).toHaveLength(0);
    for (let i = 0; i < 3; i++) await postGraphQL(url, FLOOD, {}, { 'x-forwarded-for': `198.51.100.${i}` });
    const warnings = lines.filter((l) => /TRUST_PROXY is off/.test(l.msg));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe(40);
  });

  describe('subgraph identity', () => {
    const SERVICE = '{ _service { sdl } }';
    const MATTERS = '{ matters { id } }';
    const post = async (subgraph: 'matters' | 'billing', query: string, identity: string) =>
      postGraphQL(graph.subgraphUrls[subgraph], query, {}, { [IDENTITY_HEADER]: identity });

    it('is refused by another subgraph than the one it was minted for', async () => {
      const forMatters = await signSubgraphIdentity(principals.ava, config.auth.subgraphSecret, { subgraph: 'matters', operation: { query: SERVICE, variables: {} } });
      expect((await post('matters', SERVICE, forMatters)).status).toBe(200);
      const atBilling = await post('billing', SERVICE, forMatters);
      expect(atBilling.status).toBe(401);
      expect(atBilling.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });

    it('is refused with another operation than the one it was minted for', async () => {
      const forService = await signSubgraphIdentity(principals.ava, config.auth.subgraphSecret, { subgraph: 'matters', operation: { query: SERVICE, variables: {} } });
      const replayed = await post('matters', MATTERS, forService);
      expect(replayed.status).toBe(401);
      expect(replayed.body.data).toBeUndefined();
      const otherVariables = await postGraphQL(graph.subgraphUrls.matters, SERVICE, { extra: 1 }, { [IDENTITY_HEADER]: forService });
      expect(otherVariables.status).toBe(401);
    });

    it('is minted by the gateway per subgraph and operation, so a query across subgraphs still works', async () => {
      const token = await issueAccessToken(principals.ava, config.auth);
      const { status, body } = await postGraphQL<{ matters: Array<{ id: string; balance: unknown }> }>(
        graph.gatewayUrl, '{ matters { id balance { amount } } }', {}, { authorization: `Bearer ${token}` },
      );
      expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
      expect(body.data?.matters.length).toBeGreaterThan(0);
    });
  });
});
