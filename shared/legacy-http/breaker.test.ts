/**
 * The circuit breaker and the token bucket against a real local HTTP server: an outage opens the
 * circuit after a few consecutive failures and later calls fail without a request; after the
 * cooldown one probe goes through and its answer decides whether the circuit closes again.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { createLogger } from '../logger.js';
import { LegacyCircuitOpenError, LegacyHttpClient, LegacyUnavailableError, LegacyVersionRetiredError, TokenBucket } from './index.js';

interface Server {
  url: string;
  /** The status each request gets, decided when it arrives. */
  status: number;
  hits: number;
  versions: Array<string | undefined>;
  close(): Promise<void>;
}

async function server(): Promise<Server> {
  const state = { status: 200, hits: 0, versions: [] as Array<string | undefined> };
  const srv = http.createServer((req, res) => {
    state.hits += 1;
    state.versions.push(req.headers['x-api-version'] as string | undefined);
    res.writeHead(state.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(state.status === 200 ? { ok: true } : { error: { type: 'X', message: `status ${state.status}` } }));
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      srv.closeAllConnections();
      srv.close(() => resolve());
    }),
  });
}

const ok = z.object({ ok: z.boolean() });
const logger = createLogger('breaker-test', 'silent');

describe('circuit breaker', () => {
  let s: Server;
  beforeEach(async () => {
    s = await server();
  });
  afterEach(() => s.close());

  const client = (cooldownMs: number) => new LegacyHttpClient({
    system: 'cms', baseUrl: s.url, token: 't', timeoutMs: 1000, logger,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    breaker: { failureThreshold: 3, cooldownMs },
    apiVersion: '4.0.9',
  });

  it('opens after consecutive failures, fails fast while open, and closes after a good probe', async () => {
    const c = client(200);
    const changes: string[] = [];
    c.breaker.onChange((state) => changes.push(state));
    s.status = 503;
    await expect(c.getJson('a', ok)).rejects.toThrow(LegacyUnavailableError);
    expect(c.breaker.state).toBe('CLOSED');
    // The third consecutive failure opens it mid-call: the call ends with the circuit error, no fourth request.
    await expect(c.getJson('a', ok)).rejects.toThrow(LegacyCircuitOpenError);
    expect(s.hits).toBe(3);
    expect(c.breaker.state).toBe('OPEN');

    const error = await c.getJson('a', ok).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LegacyCircuitOpenError);
    expect((error as Error).message).toMatch(/The cms system is failing \(circuit open .*status 503/);
    expect(s.hits).toBe(3);

    await new Promise((resolve) => setTimeout(resolve, 250));
    s.status = 200;
    await expect(c.getJson('a', ok)).resolves.toEqual({ ok: true });
    expect(c.breaker.state).toBe('CLOSED');
    expect(changes).toEqual(['OPEN', 'HALF_OPEN', 'CLOSED']);
    expect(s.versions.every((v) => v === '4.0.9')).toBe(true);
  });

  it('opens again at once when the half-open probe fails, letting only one probe through', async () => {
    const c = client(100);
    s.status = 500;
    await c.getJson('a', ok).catch(() => undefined);
    await c.getJson('a', ok).catch(() => undefined);
    expect(c.breaker.state).toBe('OPEN');
    const before = s.hits;
    await new Promise((resolve) => setTimeout(resolve, 150));
    const results = await Promise.allSettled([c.getJson('a', ok), c.getJson('b', ok), c.getJson('c', ok)]);
    expect(s.hits - before).toBe(1);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof LegacyCircuitOpenError)).toBe(true);
    expect(c.breaker.state).toBe('OPEN');
  });

  it('does not count a refused request (4xx) as an outage, and names a retired API version', async () => {
    const c = client(10_000);
    s.status = 404;
    for (let i = 0; i < 5; i++) await c.getJson('a', ok).catch(() => undefined);
    expect(c.breaker.state).toBe('CLOSED');
    s.status = 410;
    const error = await c.getJson('a', ok).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LegacyVersionRetiredError);
    expect((error as Error).message).toMatch(/retired API version 4\.0\.9 \(410 Gone\)/);
  });

});

describe('token bucket', () => {
  it('lets a burst through, then spaces requests at the budget, queueing concurrent callers in order', () => {
    let now = 0;
    const bucket = new TokenBucket(600, 3, () => now);
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 0]);
    expect([bucket.reserve(), bucket.reserve()]).toEqual([100, 200]);
    now = 1000;
    expect(bucket.reserve()).toBe(0);
  });
});
