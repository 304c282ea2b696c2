import { startTestSimulators, type SimulatorHarness } from '../test-support.js';

describe('fault injection', () => {
  let h: SimulatorHarness;
  beforeAll(async () => {
    h = await startTestSimulators();
  });
  afterAll(() => h.sims.close());
  afterEach(() => {
    for (const system of ['cms', 'dms', 'billing'] as const) h.sims.setFaults(system, {});
  });

  it('answers 5xx at errorRate 1 and 429 at throttleRate 1, on API routes only', async () => {
    h.sims.setFaults('cms', { errorRate: 1 });
    const failed = await h.call('cms', '/api/v4/matters.json');
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect((await h.call('dms', '/v1/documents?limit=1')).status).toBe(200);
    expect((await h.call('cms', '/_sim/faults')).status).toBe(200);

    h.sims.setFaults('dms', { throttleRate: 1 });
    const throttled = await h.call('dms', '/v1/documents');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
  });

  it('is controlled over HTTP with the token, validated, and applies latency', async () => {
    expect((await h.call('billing', '/_sim/faults', { method: 'PUT', body: JSON.stringify({ latencyMs: 150 }), headers: { authorization: 'Bearer no' } })).status).toBe(401);
    expect((await h.call('billing', '/_sim/faults', { method: 'PUT', body: JSON.stringify({ errorRate: 2 }) })).status).toBe(400);
    const set = await h.json<Record<string, number>>('billing', '/_sim/faults', { method: 'PUT', body: JSON.stringify({ latencyMs: 150 }) });
    expect(set).toEqual({ latencyMs: 150, errorRate: 0, timeoutRate: 0, throttleRate: 0, webhookDropRate: 0 });
    const started = Date.now();
    expect((await h.call('billing', '/api/v4/bills.json?limit=1')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('holds requests open at timeoutRate 1 until the client gives up', async () => {
    h.sims.setFaults('cms', { timeoutRate: 1 });
    await expect(h.call('cms', '/api/v4/users.json', { signal: AbortSignal.timeout(200) })).rejects.toThrow();
  });
});
