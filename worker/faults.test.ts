/**
 * The legacy systems fail, throttle and hang. A full import through 30 % server errors and 10 %
 * throttling on every system still ends equal to the legacy data, and a hung request is cut by
 * the timeout and retried.
 */
import { firmCounts, readModelCounts, startSyncHarness, type SyncHarness } from './test-support.js';

describe('sync through faulty legacy systems', () => {
  let s: SyncHarness;
  afterEach(() => s?.close());

  it('imports everything despite 5xx and 429s', async () => {
    // Small pages: at the default size a demo import is about ten requests, and 0.63^10 (1 %) of
    // runs met no fault at all. Over thirty requests make that a one-in-a-million chance.
    s = await startSyncHarness({ faults: { errorRate: 0.3, throttleRate: 0.1 }, env: { SYNC_PAGE_SIZE: '10' } });
    const outcomes = await s.syncAll();
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(await readModelCounts(s.dataSource)).toEqual(firmCounts(s.firm));
    const stats = [s.clients.cms.http.stats, s.clients.dms.http.stats, s.clients.billing.http.stats];
    expect(s.requests()).toBeGreaterThan(30);
    expect(stats.reduce((n, st) => n + st.retries, 0)).toBeGreaterThan(0);

    const [bill] = await s.dataSource.query(`SELECT total::text FROM billing.invoices WHERE number = '1002'`);
    expect(bill.total).toBe('1234.50');
  });

  it('ends equal to the legacy data through 30 % 5xx, 429s and timeouts at once', async () => {
    s = await startSyncHarness({ faults: { errorRate: 0.3, throttleRate: 0.15, timeoutRate: 0.05 }, timeoutMs: 300, env: { LEGACY_BREAKER_FAILURES: '12' } });
    const outcomes = await s.syncAll();
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(await readModelCounts(s.dataSource)).toEqual(firmCounts(s.firm));
    // A second, incremental run changes nothing.
    await s.syncAll();
    expect(await readModelCounts(s.dataSource)).toEqual(firmCounts(s.firm));
  });

  it('opens the circuit in an outage so later calls fail fast without a request, and recovers after the cooldown', async () => {
    s = await startSyncHarness({ retry: { maxAttempts: 10, baseDelayMs: 1, maxDelayMs: 2 }, env: { LEGACY_BREAKER_FAILURES: '3', LEGACY_BREAKER_COOLDOWN_SECONDS: '3' } });
    s.h.sims.setFaults('dms', { errorRate: 1 });
    await expect(s.syncAll()).rejects.toThrow(/dms\/documents/);
    const [failed] = await s.dataSource.query(`SELECT last_error FROM sync.cursors WHERE system = 'dms' AND resource = 'documents'`);
    expect(failed.last_error).toMatch(/The dms system is failing \(circuit open/);
    expect(s.clients.dms.http.breaker.state).toBe('OPEN');
    // Three attempts, then the circuit: not ten retries.
    expect(s.clients.dms.http.stats.requests).toBe(3);
    const before = s.clients.dms.http.stats.requests;
    await expect(s.syncAll()).rejects.toThrow(/circuit open/);
    expect(s.clients.dms.http.stats.requests).toBe(before);

    // The cooldown outlasts a CMS sync on a busy machine (0.3 s did not: the second run's DMS call
    // found the circuit half-open and sent its trial request).
    s.h.sims.setFaults('dms', {});
    await new Promise((resolve) => setTimeout(resolve, 3_050));
    await s.syncAll();
    expect(s.clients.dms.http.breaker.state).toBe('CLOSED');
    expect(await readModelCounts(s.dataSource)).toEqual(firmCounts(s.firm));
  });

  it('cuts hung requests with the timeout and retries them', async () => {
    s = await startSyncHarness({ faults: { timeoutRate: 0.1 }, timeoutMs: 500 });
    const outcomes = await s.syncAll();
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(await readModelCounts(s.dataSource)).toEqual(firmCounts(s.firm));
  });

  it('fails a run whose legacy answer is larger than LEGACY_MAX_RESPONSE_BYTES, recording why on the cursor for sync health', async () => {
    s = await startSyncHarness({ env: { LEGACY_MAX_RESPONSE_BYTES: '2000' } });
    await expect(s.syncAll()).rejects.toThrow(/larger than 2000 bytes/);
    const failed: Array<{ resource: string; last_error: string }> = await s.dataSource.query(`SELECT resource, last_error FROM sync.cursors WHERE system = 'cms' AND last_error IS NOT NULL`);
    expect(failed.map((f) => f.resource)).toEqual(expect.arrayContaining(['matters', 'calendar_entries']));
    for (const f of failed) expect(f.last_error).toMatch(/^The cms system sent an unexpected answer to GET .*: the answer is larger than 2000 bytes \(raise LEGACY_MAX_RESPONSE_BYTES/);
    expect(s.clients.cms.http.stats.retries).toBe(0);
  });

  it('records a failure on the cursor, keeps what was stored, and resumes on the next run', async () => {
    s = await startSyncHarness({ retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } });
    s.h.sims.setFaults('billing', { errorRate: 1 });
    await expect(s.syncAll()).rejects.toThrow(/billing\/bills/);
    const [failed] = await s.dataSource.query(`SELECT last_error, imported_at FROM sync.cursors WHERE system = 'billing' AND resource = 'bills'`);
    expect(failed.last_error).toMatch(/billing system is unavailable/);
    expect(failed.imported_at).toBeNull();
    expect((await readModelCounts(s.dataSource)).matters).toBe(s.firm.matters.length);

    s.h.sims.setFaults('billing', {});
    await s.syncAll();
    expect(await readModelCounts(s.dataSource)).toEqual(firmCounts(s.firm));
  });
});
