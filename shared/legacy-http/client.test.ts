/**
 * The legacy HTTP client against a tiny real server that answers exactly what each test scripts:
 * it paces itself on the rate-limit headers, honours Retry-After, retries what is transient and
 * nothing else, and gives up with a typed error that names the system and the URL.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { createLogger } from '../logger.js';
import { LegacyHttpClient, LegacyRequestError, LegacyResponseError, LegacyUnavailableError, type RetryPolicy } from './index.js';

type Answer = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang';

interface Script {
  url: string;
  /** Arrival times (ms since epoch) and Authorization headers of the requests received. */
  received: Array<{ at: number; auth: string | undefined; path: string }>;
  answers: Answer[];
  close(): Promise<void>;
}

async function scriptedServer(): Promise<Script> {
  const script: Omit<Script, 'url' | 'close'> = { received: [], answers: [] };
  const server = http.createServer((req, res) => {
    script.received.push({ at: Date.now(), auth: req.headers.authorization, path: req.url ?? '' });
    const answer = script.answers.shift() ?? { status: 200, body: { ok: true } };
    if (answer === 'hang') return;
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...script,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const ok = z.object({ ok: z.boolean() });
const quick: Partial<RetryPolicy> = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40 };

describe('LegacyHttpClient', () => {
  let server: Script;
  const client = (retry: Partial<RetryPolicy> = quick, timeoutMs = 1000) =>
    new LegacyHttpClient({ system: 'cms', baseUrl: server.url, token: 'secret-token', timeoutMs, logger: createLogger('http-test', 'silent'), retry });

  beforeEach(async () => {
    server = await scriptedServer();
  });
  afterEach(() => server.close());

  it('sends the bearer token, validates the body with the caller schema and counts requests', async () => {
    const c = client();
    await expect(c.getJson('api/v4/users.json', ok, { fields: 'id,name', skip: undefined })).resolves.toEqual({ ok: true });
    expect(server.received).toEqual([{ at: expect.any(Number), auth: 'Bearer secret-token', path: '/api/v4/users.json?fields=id%2Cname' }]);
    expect(c.stats).toEqual({ requests: 1, retries: 0, throttled: 0, rateLimitWaitMs: 0 });
  });

  it('waits for the rate-limit window to reset once Remaining reaches 0', async () => {
    const resetSeconds = Math.ceil(Date.now() / 1000) + 1;
    server.answers.push({ status: 200, body: { ok: true }, headers: { 'X-RateLimit-Limit': '2', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetSeconds) } });
    const c = client();
    await c.getJson('a', ok);
    await c.getJson('b', ok);
    expect(server.received[1]!.at).toBeGreaterThanOrEqual(resetSeconds * 1000);
    expect(c.stats.requests).toBe(2);
  });

  it('honours Retry-After on a 429 without spending an error attempt', async () => {
    server.answers.push({ status: 429, headers: { 'Retry-After': '1' }, body: { error: { type: 'RateLimited', message: 'slow down' } } });
    const c = client({ ...quick, maxAttempts: 1 });
    await expect(c.getJson('a', ok)).resolves.toEqual({ ok: true });
    const [first, second] = server.received;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(c.stats).toMatchObject({ requests: 2, retries: 1, throttled: 1 });
    // The Retry-After wait counts as rate-limit wait (what first-import progress and syncHealth report).
    expect(c.stats.rateLimitWaitMs).toBeGreaterThan(0);
  });

  it('refuses a Retry-After longer than it is willing to wait', async () => {
    server.answers.push({ status: 429, headers: { 'Retry-After': '3600' } });
    await expect(client({ ...quick, maxWaitMs: 5000 }).getJson('a', ok)).rejects.toThrow(LegacyUnavailableError);
  });

  it('retries 5xx with backoff and then succeeds', async () => {
    server.answers.push({ status: 503, body: { error: { message: 'down' } } }, { status: 500 });
    const c = client();
    await expect(c.getJson('a', ok)).resolves.toEqual({ ok: true });
    expect(c.stats).toEqual({ requests: 3, retries: 2, throttled: 0, rateLimitWaitMs: 0 });
  });

  it('gives up after the last attempt with an error naming the system, the URL and the last failure', async () => {
    server.answers.push({ status: 502 }, { status: 503 }, { status: 500, body: { error: { type: 'X', message: 'still broken' } } });
    const error = await client().getJson('api/v4/matters.json', ok).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LegacyUnavailableError);
    expect(error).toMatchObject({ system: 'cms', url: `${server.url}/api/v4/matters.json`, attempts: 3 });
    expect((error as Error).message).toContain('still broken');
  });

  it('times out a request that never answers, and retries it', async () => {
    server.answers.push('hang');
    const c = client(quick, 200);
    const started = Date.now();
    await expect(c.getJson('a', ok)).resolves.toEqual({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(c.stats.requests).toBe(2);
  });

  it('fails when every attempt times out', async () => {
    server.answers.push('hang', 'hang');
    await expect(client({ ...quick, maxAttempts: 2 }, 100).getJson('a', ok)).rejects.toThrow(/no answer within 100 ms/);
  });

  it('does not retry a permanent 4xx, and carries the legacy message', async () => {
    server.answers.push({ status: 400, body: { error: { type: 'BadRequestError', message: 'Invalid field: foo is not a field of this resource' } } });
    const c = client();
    const error = await c.getJson('a', ok).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LegacyRequestError);
    expect(error).toMatchObject({ status: 400, legacyMessage: 'Invalid field: foo is not a field of this resource' });
    expect(c.stats.requests).toBe(1);
  });

  it('reads the DMS error shape too', async () => {
    server.answers.push({ status: 404, body: { error: 'RecordNotFound', message: 'No document 1' } });
    await expect(client().getJson('a', ok)).rejects.toMatchObject({ status: 404, legacyMessage: 'No document 1' });
  });

  it('rejects a body that is not the documented shape, without retrying', async () => {
    server.answers.push({ status: 200, body: { ok: 'yes' } });
    const c = client();
    await expect(c.getJson('a', ok)).rejects.toThrow(LegacyResponseError);
    expect(c.stats.requests).toBe(1);
  });

  it('never follows a link to another origin with the token', async () => {
    expect(() => client().url('http://evil.example/api/v4/matters.json')).toThrow(LegacyResponseError);
  });
});
