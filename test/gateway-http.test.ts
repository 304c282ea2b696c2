/**
 * What the gateway's HTTP answers carry and never carry: security headers, CORS for the
 * configured origins only, CSRF prevention, and no internal detail from a failing subgraph.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { issueAccessToken } from '../shared/auth/tokens.js';
import type { RunningServer } from '../shared/graphql/subgraph-server.js';
import { startGateway } from '../gateway/server.js';
import { createMigratedTestDatabase } from './support/database.js';
import { principals, seedFirm } from './support/firm.js';
import { postGraphQL, postGraphQLText } from './support/graphql.js';
import { startGraph, type RunningGraph } from './support/graph.js';

const ENV = { NODE_ENV: 'test', LOG_LEVEL: 'silent', CORS_ORIGINS: 'https://portal.smithjones.example' };
const config = loadConfig(ENV);
const logger = createLogger('test', 'silent');

describe('gateway HTTP hygiene', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let graph: RunningGraph;
  let broken: http.Server;
  let brokenAnswer: object = {};
  const gateways: RunningServer[] = [];
  let auth: Record<string, string>;

  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    await seedFirm(testDb.db.dataSource);
    graph = await startGraph({ config, dataSource: testDb.db.dataSource, logger });
    auth = { authorization: `Bearer ${await issueAccessToken(principals.ava, config.auth)}` };
    // A subgraph that answers with whatever the test sets: an unexpected error full of internals.
    broken = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(brokenAnswer)));
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await graph?.close();
    await testDb?.drop();
    await new Promise((resolve) => broken?.close(resolve));
  });

  it('sends security headers: CSP, frame-ancestors none, nosniff, referrer policy; HSTS only in production', async () => {
    for (const response of [await fetch(graph.gatewayUrl, { headers: { accept: 'text/html' } }), await fetch(graph.gatewayUrl.replace(/graphql$/, 'healthz'))]) {
      expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('strict-transport-security')).toBeNull();
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
    const production = await startGateway({
      config: loadConfig({ ...ENV, NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), SUBGRAPH_SECRET: 's'.repeat(40) }),
      dataSource: testDb.db.dataSource, logger, port: 0, subgraphUrls: graph.subgraphUrls,
    });
    gateways.push(production);
    const response = await fetch(production.url.replace(/graphql$/, 'healthz'));
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
  });

  it('allows CORS from CORS_ORIGINS only', async () => {
    const preflight = (origin: string) => fetch(graph.gatewayUrl, {
      method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    const allowed = await preflight('https://portal.smithjones.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.smithjones.example');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const { status } = await postGraphQL(graph.gatewayUrl, '{ me { email } }', {}, { ...auth, origin: 'https://evil.example' });
    expect(status).toBe(200); // not a browser: CORS only tells browsers what they may read
  });

  it('refuses simple (CSRF-able) requests: text/plain POST, and GET without a preflight header', async () => {
    const post = await fetch(graph.gatewayUrl, { method: 'POST', headers: { 'content-type': 'text/plain', ...auth }, body: JSON.stringify({ query: '{ me { email } }' }) });
    expect(post.status).toBe(400);
    expect(await post.text()).toMatch(/Cross-Site Request Forgery/);
    const get = await fetch(`${graph.gatewayUrl}?query=${encodeURIComponent('{ me { email } }')}`, { headers: auth });
    expect(get.status).toBe(400);
    const preflighted = await fetch(`${graph.gatewayUrl}?query=${encodeURIComponent('{ me { email } }')}`, { headers: { ...auth, 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
  });

  it('answers without response extensions (no ftv1, no timings)', async () => {
    const { status, text } = await postGraphQLText(graph.gatewayUrl, '{ me { email } matters { number } }', {}, auth);
    expect(status).toBe(200);
    expect(JSON.parse(text)).not.toHaveProperty('extensions');
    expect(text).not.toMatch(/ftv1|tracing|serviceName/);
  });

  it("masks a subgraph's unexpected errors, passes ours, and hides an unreachable subgraph", async () => {
    const { port } = broken.address() as AddressInfo;
    const gateway = await startGateway({ config, dataSource: testDb.db.dataSource, logger, port: 0, subgraphUrls: { ...graph.subgraphUrls, matters: `http://127.0.0.1:${port}/graphql` } });
    gateways.push(gateway);
    brokenAnswer = {
      data: null,
      errors: [{ message: 'relation "cms.matter" does not exist: SELECT * FROM cms.matter WHERE client_id = $1', path: ['matters'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['QueryFailedError: at PostgresQueryRunner.query (src/driver.ts:1:1)'] } }],
      extensions: { ftv1: 'AAAA' },
    };
    const internal = await postGraphQLText(gateway.url, '{ matters { number } }', {}, auth);
    expect(internal.text).not.toMatch(/SELECT|cms\.matter|stacktrace|QueryFailedError|ftv1|serviceName/);
    expect(JSON.parse(internal.text).errors).toEqual([{ message: 'Internal server error', path: ['matters'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    brokenAnswer = { data: null, errors: [{ message: 'Somebody else\'s code: DB_DEADLOCK detected in tx 42', extensions: { code: 'DB_DEADLOCK' } }] };
    expect((await postGraphQLText(gateway.url, '{ matters { number } }', {}, auth)).text).not.toMatch(/DEADLOCK|tx 42/);
    brokenAnswer = { data: null, errors: [{ message: 'Not found.', path: ['matters'], extensions: { code: 'NOT_FOUND' } }] };
    const ours = await postGraphQL(gateway.url, '{ matters { number } }', {}, auth);
    expect(ours.body.errors).toEqual([{ message: 'Not found.', path: ['matters'], extensions: { code: 'NOT_FOUND' } }]);
    await new Promise((resolve) => broken.close(resolve));
    const unreachable = await postGraphQLText(gateway.url, '{ matters { number } }', {}, auth);
    expect(unreachable.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|fetch failed|serviceName/);
    expect(JSON.parse(unreachable.text).errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
