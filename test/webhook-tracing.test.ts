/**
 * A client's hearing moves in the CMS and the firm's IT wants to see what happened to it: the
 * webhook delivery's trace starts at the gateway's POST /webhooks/cms and continues through the
 * worker (the delivery's processing, the CMS read, the write) to the rules that wrote the matter
 * update, carried across the queue by the stored delivery and the outbox event.
 */
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { DEFAULT_SIM_TOKEN } from '../shared/config.js';
import { startTracing, type Tracing } from '../shared/observability/tracing.js';
import { startTestSystem, type TestSystem } from './support/system.js';
import { waitFor } from './support/processes.js';

describe('a webhook delivery\'s trace', () => {
  let s: TestSystem;
  let tracing: Tracing;
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'test', exporter, immediate: true });
    s = await startTestSystem();
    await s.worker.webhooksReady;
  }, 240_000);
  afterAll(async () => {
    await s?.stop();
    await tracing?.shutdown();
  });

  it('reaches the matter update the delivery produced', async () => {
    const { dataSource } = s.database;
    await waitFor(async () => {
      const rows: unknown[] = await dataSource.query(`SELECT 1 FROM sync.webhook_subscriptions WHERE model = 'calendar_entry' AND status = 'ENABLED'`);
      return rows.length === 1;
    }, 10_000, () => 'the calendar_entry subscription enabled');
    const [hearing] = await dataSource.query(
      `SELECT id, matter_id FROM matters.matter_events WHERE id LIKE 'calendar:%' AND kind = 'HEARING' AND starts_at > now() ORDER BY id LIMIT 1`,
    );
    const legacyId = String(hearing.id).slice('calendar:'.length);
    const countUpdates = async () => Number((await dataSource.query(
      `SELECT count(*) AS n FROM matters.matter_updates WHERE matter_id = $1 AND rule = 'appointment-rescheduled'`, [hearing.matter_id],
    ))[0].n);
    const before = await countUpdates();
    exporter.reset();

    const moved = new Date(Date.now() + 40 * 86_400_000).toISOString();
    const response = await fetch(`${s.simulators!.cms.url}/api/v4/calendar_entries/${legacyId}.json`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${DEFAULT_SIM_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { start_at: moved, end_at: new Date(Date.parse(moved) + 3_600_000).toISOString() } }),
    });
    expect(response.status).toBe(200);
    await waitFor(async () => (await countUpdates()) > before, 20_000, () => 'the rescheduled hearing\'s matter update');

    const spans = () => exporter.getFinishedSpans();
    const isUpdateInsert = (span: ReadableSpan) => span.name === 'pg INSERT' && String(span.attributes['db.query.text']).includes('INTO matters.matter_updates');
    // The update is committed before its spans end: wait for the rules' span rather than race it.
    await waitFor(async () => spans().some(isUpdateInsert) && spans().some((x) => x.name === 'consume rules'), 5000, () => spans().map((x) => x.name).join(', '));

    const received = spans().find((x) => x.kind === SpanKind.SERVER && x.name === 'POST /webhooks' && x.attributes['http.response.status_code'] === 202);
    expect(received).toBeDefined();
    const traceId = received!.spanContext().traceId;
    const trace = spans().filter((x) => x.spanContext().traceId === traceId);
    const byId = new Map(trace.map((x) => [x.spanContext().spanId, x]));
    const ancestors = (span: ReadableSpan): string[] => {
      const names: string[] = [];
      for (let at = span.parentSpanContext && byId.get(span.parentSpanContext.spanId); at; at = at.parentSpanContext && byId.get(at.parentSpanContext.spanId)) names.push(at.name);
      return names;
    };

    const processing = trace.find((x) => x.name === 'webhook delivery cms calendar_entry');
    expect(processing && ancestors(processing)).toEqual(['POST /webhooks']);
    // The record is read from the CMS within the delivery's trace, never trusted from the notice.
    expect(trace.some((x) => x.name === 'legacy cms GET' && ancestors(x).includes('webhook delivery cms calendar_entry'))).toBe(true);
    const insert = trace.find(isUpdateInsert);
    expect(insert && ancestors(insert)).toEqual(['consume rules', 'webhook delivery cms calendar_entry', 'POST /webhooks']);
  }, 60_000);
});
