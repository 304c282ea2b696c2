/**
 * An integrator wants to see a flaky legacy system from Prometheus, not from the logs: every
 * request to it is counted by status and by whether it was a retry, and the time spent waiting on
 * its rate limits is there too.
 */
import { createLogger } from '../shared/logger.js';
import { startMetricsServer, type MetricsServer } from '../shared/observability/metrics-server.js';
import { scrape, total } from '../test/support/metrics.js';
import { startSyncHarness, type SyncHarness } from './test-support.js';

describe('legacy calls in the metrics', () => {
  let s: SyncHarness | undefined;
  let metrics: MetricsServer | undefined;
  afterEach(async () => {
    await metrics?.close();
    await s?.close();
  });

  it('counts each request by system and status, its retries, and the rate-limit waits', async () => {
    // Small pages, as in faults.test.ts: enough requests that some surely meet a fault.
    s = await startSyncHarness({ faults: { errorRate: 0.3, throttleRate: 0.1 }, env: { SYNC_PAGE_SIZE: '10' } });
    metrics = await startMetricsServer({ config: { enabled: true, host: '127.0.0.1', port: 0 }, process: 'worker', logger: createLogger('metrics-test', 'silent') });
    const before = await scrape(metrics.url!);
    const outcomes = await s.syncAll();
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    const after = await scrape(metrics.url!);
    const delta = (name: string, labels: Record<string, string> = {}) => total(after, name, labels) - total(before, name, labels);

    const stats = [s.clients.cms.http.stats, s.clients.dms.http.stats, s.clients.billing.http.stats];
    const retries = stats.reduce((n, st) => n + st.retries, 0);
    const throttled = stats.reduce((n, st) => n + st.throttled, 0);
    expect(retries).toBeGreaterThan(0);
    expect(delta('casebridge_legacy_requests_total')).toBe(s.requests());
    expect(delta('casebridge_legacy_requests_total', { retry: 'true' })).toBe(retries);
    const serverErrors = ['500', '502', '503'].reduce((n, status) => n + delta('casebridge_legacy_requests_total', { status }), 0);
    expect(serverErrors + delta('casebridge_legacy_requests_total', { status: '429' })).toBeGreaterThan(0);
    expect(delta('casebridge_legacy_requests_total', { status: '429' })).toBe(throttled);
    for (const system of ['cms', 'dms', 'billing']) expect(delta('casebridge_legacy_requests_total', { system, status: '200' })).toBeGreaterThan(0);
    // The simulator's 429 says Retry-After: 1, so each one held the next call back.
    if (throttled > 0) {
      expect(delta('casebridge_legacy_rate_limit_waits_total', { source: 'server' })).toBeGreaterThan(0);
      expect(delta('casebridge_legacy_rate_limit_wait_seconds_total', { source: 'server' })).toBeGreaterThan(0);
    }
    expect(delta('casebridge_legacy_request_duration_seconds_count')).toBe(s.requests());
  }, 120_000);
});
