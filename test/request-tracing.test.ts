/**
 * The firm's IT opens a slow portal page's trace and reads its logs: one dashboard request is one
 * trace (the gateway's request, a span per subgraph fetch, each subgraph's execution and its SQL
 * under it), and every log line it caused — the gateway's and the subgraphs' — carries its request
 * id, never a token or a password.
 */
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { issueAccessToken } from '../shared/auth/tokens.js';
import { startTracing, type Tracing } from '../shared/observability/tracing.js';
import { createMigratedTestDatabase } from './support/database.js';
import { principals, seedFirm } from './support/firm.js';
import { startGraph, type RunningGraph } from './support/graph.js';
import { waitFor } from './support/processes.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

const DASHBOARD = `query Dashboard {
  matters {
    id number title
    nextHearing { title startsAt }
    documents { id name }
    invoices { number balance { amount currency } }
  }
}`;

/** Every line every component wrote, parsed (a pino destination stream). */
const lines: Array<Record<string, unknown>> = [];
const logger = createLogger('test', 'debug', { destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });

describe('request tracing and request ids', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let graph: RunningGraph;
  let tracing: Tracing;
  let token: string;
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'test', exporter, immediate: true });
    testDb = await createMigratedTestDatabase();
    await seedFirm(testDb.db.dataSource);
    graph = await startGraph({ config, dataSource: testDb.db.dataSource, logger });
    token = await issueAccessToken(principals.ava, config.auth);
  });
  afterAll(async () => {
    await graph?.close();
    await testDb?.drop();
    await tracing?.shutdown();
  });

  const dashboard = (headers: Record<string, string> = {}) => fetch(graph.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query: DASHBOARD }),
    signal: AbortSignal.timeout(10_000),
  });

  it('makes one dashboard request one trace, with a span per subgraph fetch and the subgraph and SQL spans under each', async () => {
    exporter.reset();
    const response = await dashboard({ 'x-request-id': 'trace-me-1' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data?: { matters: unknown[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.matters.length).toBeGreaterThan(0);

    const isRoot = (span: ReadableSpan) => span.kind === SpanKind.SERVER && span.attributes['casebridge.request_id'] === 'trace-me-1' && span.name === 'query Dashboard';
    // The gateway's span ends when the response has been written: wait for it rather than race it.
    await waitFor(async () => exporter.getFinishedSpans().some(isRoot), 5000, () => exporter.getFinishedSpans().map((s) => s.name).join(', '));
    const root = exporter.getFinishedSpans().find(isRoot)!;
    expect(root.parentSpanContext).toBeUndefined();
    const trace = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === root.spanContext().traceId);
    const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]));
    const parentOf = (s: ReadableSpan) => (s.parentSpanContext ? byId.get(s.parentSpanContext.spanId) : undefined);

    const fetches = trace.filter((s) => s.name.startsWith('subgraph ') && s.kind === SpanKind.CLIENT);
    // Matters first, then documents, billing (and matters again for the hearing) in the plan.
    expect(new Set(fetches.map((s) => s.attributes['casebridge.subgraph']))).toEqual(new Set(['matters', 'documents', 'billing']));
    for (const fetch of fetches) expect(parentOf(fetch)).toBe(root);
    const executions = trace.filter((s) => s.kind === SpanKind.SERVER && s !== root);
    // Each fetch reached its subgraph as a child span: exactly one execution per fetch, none outside the trace.
    expect(executions).toHaveLength(fetches.length);
    for (const execution of executions) expect(fetches).toContain(parentOf(execution));
    const sql = trace.filter((s) => s.name.startsWith('pg '));
    expect(sql.length).toBeGreaterThan(0);
    for (const statement of sql) {
      let ancestor = parentOf(statement);
      while (ancestor && ancestor.kind !== SpanKind.SERVER) ancestor = parentOf(ancestor);
      expect(ancestor).toBeDefined();
    }
  });

  it('keeps a sane X-Request-Id, replaces any other, and returns it', async () => {
    expect((await dashboard({ 'x-request-id': 'portal-42.a:b' })).headers.get('x-request-id')).toBe('portal-42.a:b');
    for (const bad of ['x'.repeat(129), 'two words', '{"level":60}', '<script>']) {
      expect((await dashboard({ 'x-request-id': bad })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect((await dashboard()).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes the request id, operation and principal on the subgraphs\' log lines, and no token or password', async () => {
    lines.length = 0;
    const login = await fetch(graph.gatewayUrl.replace(/\/graphql$/, '/auth/login'), {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'login-1' },
      body: JSON.stringify({ email: principals.ava.email, password: 'not-her-password-1' }),
    });
    expect(login.headers.get('x-request-id')).toBe('login-1');
    // A client asking for staff data: the ingest subgraph refuses it (FORBIDDEN) and logs that it did.
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'logs-1' },
      body: JSON.stringify({ query: 'query Forbidden { syncHealth { system } }' }),
    });
    expect(response.status).toBe(200);
    const fromSubgraph = (l: Record<string, unknown>) => l.requestId === 'logs-1' && /^Forbidden__ingest__/.test(String(l.operationName));
    await waitFor(async () => lines.some(fromSubgraph), 5000, () => JSON.stringify(lines.slice(-3)));
    const mine = lines.filter((l) => l.requestId === 'logs-1');
    expect(mine.some((l) => l.operationName === 'Forbidden')).toBe(true);
    for (const line of mine.filter((l) => l.operationName !== undefined)) expect(line.principalId).toBe(principals.ava.accountId);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(token);
    expect(text).not.toContain('not-her-password-1');
  });
});
