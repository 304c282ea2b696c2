/**
 * Domain events and value mappings through a real sync against the simulators: the first import
 * records each fact once, a re-run records nothing, a reschedule in the CMS is one
 * hearing.rescheduled, and a docType nobody mapped quarantines its document until staff map it.
 */
import { PDFDocument } from 'pdf-lib';
import { findAvaDiscoveryMatter } from '../legacy/firm/demo.js';
import { createLogger } from '../shared/logger.js';
import { reprocessQuarantine } from '../subgraphs/ingest/index.js';
import { createMappingLoaders } from '../subgraphs/ingest/mappings.js';
import { principals } from '../test/support/firm.js';
import { QUARANTINE_REPROCESSORS } from '../system/modules.js';
import { startSyncHarness, type SyncHarness } from './test-support.js';

const outboxCount = async (s: SyncHarness) => ((await s.dataSource.query(`SELECT count(*)::int AS n FROM events.outbox`)) as Array<{ n: number }>)[0]!.n;

describe('domain events and value mappings of the sync', () => {
  let s: SyncHarness;
  beforeAll(async () => {
    s = await startSyncHarness({ reconcileSeconds: 3600 });
    await s.syncAll();
  });
  afterAll(() => s?.close());

  it('records one document.filed per document and the history of every matter, calendar entry and bill', async () => {
    const filed: Array<{ subject: string; n: number }> = await s.dataSource.query(
      `SELECT subject, count(*)::int AS n FROM events.outbox WHERE type = 'document.filed' GROUP BY subject`,
    );
    expect(filed).toHaveLength(s.firm.documents.length);
    expect(filed.every((f) => f.n === 1)).toBe(true);
    const [counts] = await s.dataSource.query(`SELECT
        count(*) FILTER (WHERE type = 'matter.opened')::int AS opened,
        count(*) FILTER (WHERE type = 'hearing.scheduled')::int AS scheduled,
        count(*) FILTER (WHERE type = 'deadline.set')::int AS deadlines
      FROM events.outbox`);
    expect(counts).toEqual({
      opened: s.firm.matters.length,
      scheduled: s.firm.calendarEntries.filter((e) => e.matter !== null).length,
      deadlines: s.firm.tasks.filter((t) => t.matter !== null && t.due_at !== null).length,
    });
    const [jane] = await s.dataSource.query(`SELECT payload, matter_number FROM events.outbox WHERE type = 'document.filed' AND payload->>'name' = 'Doe J depo transcript.pdf'`);
    expect(jane.payload).toMatchObject({ kind: 'DEPOSITION_TRANSCRIPT', docType: 'depo transcript', deponent: 'jane doe' });
    const paid: Array<{ number: string }> = await s.dataSource.query(`SELECT payload->>'number' AS number FROM events.outbox WHERE type = 'invoice.paid' ORDER BY 1`);
    expect(paid.map((p) => p.number)).toEqual(expect.arrayContaining(['1001', '1005']));
    expect(paid.map((p) => p.number)).not.toContain('1004');
  });

  it('records nothing new when the same versions are fetched again', async () => {
    const before = await outboxCount(s);
    await s.dataSource.query(`UPDATE sync.cursors SET updated_since = NULL`);
    await s.syncAll();
    expect(await outboxCount(s)).toBe(before);
  });

  it('turns a reschedule in the CMS into exactly one hearing.rescheduled', async () => {
    const entry = s.firm.calendarEntries.find((e) => e.summary === 'Deposition of Priya Shah')!;
    const previous = new Date(entry.start_at).toISOString();
    await s.h.json('cms', `/api/v4/calendar_entries/${entry.id}.json`, {
      method: 'PATCH',
      body: JSON.stringify({ data: { start_at: '2030-05-06T09:00:00-07:00', end_at: '2030-05-06T12:00:00-07:00' } }),
    });
    await s.syncAll();
    await s.syncAll();
    const events: Array<{ payload: Record<string, unknown>; matter_id: string; client_id: string }> = await s.dataSource.query(
      `SELECT payload, matter_id, client_id FROM events.outbox WHERE type = 'hearing.rescheduled'`,
    );
    const matter = findAvaDiscoveryMatter(s.firm);
    expect(events).toEqual([{
      payload: expect.objectContaining({ eventId: `calendar:${entry.id}`, kind: 'DEPOSITION', startsAt: '2030-05-06T16:00:00.000Z', previousStartsAt: previous }),
      matter_id: String(matter.id),
      client_id: String(matter.client.id),
    }]);
  });

  it('records hearing.cancelled when the sweep finds a calendar entry deleted', async () => {
    const entry = s.firm.calendarEntries.find((e) => e.summary === 'Hearing - Motion to Compel')!;
    expect((await s.h.call('cms', `/api/v4/calendar_entries/${entry.id}.json`, { method: 'DELETE' })).status).toBe(204);
    s.ctx.reconcileSeconds = 0;
    await s.syncAll();
    await s.syncAll();
    s.ctx.reconcileSeconds = 3600;
    const cancelled = await s.dataSource.query(`SELECT subject FROM events.outbox WHERE type = 'hearing.cancelled'`);
    expect(cancelled).toEqual([{ subject: `calendar:${entry.id}` }]);
  });

  it('quarantines a calendar entry whose title is longer than the CMS allows, keeping the stored one', async () => {
    const calendar = s.firm.calendarEntries.find((e) => e.matter !== null)!;
    const [before] = await s.dataSource.query(`SELECT title FROM matters.matter_events WHERE id = $1`, [`calendar:${calendar.id}`]);
    const title = `Deposition of Jane${' '.repeat(200_000)}Doe`;
    // The simulator's API refuses such a title as Clio would; its store stands for a CMS that let one through.
    s.h.sims.store.calendarEntries.update(calendar.id, { summary: title, updated_at: new Date(Date.now() + 60_000).toISOString() });
    await s.syncAll();
    const [item] = await s.dataSource.query(
      `SELECT reason, detail, length(payload->>'summary')::int AS chars FROM sync.quarantine WHERE resource = 'calendar_entries' AND legacy_id = $1 AND resolved_at IS NULL`, [calendar.id]);
    expect(item).toEqual({ reason: 'INVALID_SHAPE', detail: expect.stringMatching(/^summary: .*1000/), chars: title.length });
    expect(await s.dataSource.query(`SELECT title FROM matters.matter_events WHERE id = $1`, [`calendar:${calendar.id}`])).toEqual([before]);
  });

  it('quarantines a document whose docType nobody mapped, and files it once staff map the spelling', async () => {
    const matter = findAvaDiscoveryMatter(s.firm);
    const pdf = await PDFDocument.create();
    pdf.addPage().drawText('Subpoena');
    const form = new FormData();
    form.set('file', new Blob([Buffer.from(await pdf.save())], { type: 'application/pdf' }), 'Subpoena - Harbor.pdf');
    form.set('metadata', JSON.stringify({ name: 'Subpoena - Harbor.pdf', matterNumber: matter.display_number, docType: 'Subpoena (served)', attributes: {}, tags: [] }));
    const uploaded = await s.h.json<{ id: string }>('dms', '/v1/documents', { method: 'POST', body: form });

    await s.syncAll();
    await s.dataSource.query(`UPDATE sync.cursors SET updated_since = NULL WHERE system = 'dms'`);
    await s.syncAll();
    expect(await s.dataSource.query(`SELECT id FROM documents.documents WHERE id = $1`, [uploaded.id])).toEqual([]);
    expect(await s.dataSource.query(`SELECT id FROM events.outbox WHERE subject = $1`, [`document:${uploaded.id}`])).toEqual([]);
    const [item] = await s.dataSource.query(`SELECT reason, mapping_kind, raw_value, times_seen, resolved_at FROM sync.quarantine WHERE legacy_id = $1`, [uploaded.id]);
    expect(item).toEqual({ reason: 'UNMAPPED_VALUE', mapping_kind: 'document_type', raw_value: 'subpoena served', times_seen: 2, resolved_at: null });

    const mappings = createMappingLoaders(s.dataSource, principals.admin);
    await expect(mappings.add({ kind: 'DOCUMENT_TYPE', rawValue: 'Subpoena (served)', canonical: 'SUBPOENA' })).rejects.toThrow(/one of: PLEADING, MOTION, DEPOSITION_TRANSCRIPT/);
    const added = await mappings.add({ kind: 'DOCUMENT_TYPE', rawValue: 'SUBPOENA - served', canonical: 'COURT_ORDER' });
    expect(added).toMatchObject({ mapping: { rawValue: 'subpoena served', canonical: 'COURT_ORDER', version: 1, createdBy: principals.admin.email }, waiting: 1 });

    expect(await reprocessQuarantine(s.dataSource, QUARANTINE_REPROCESSORS, createLogger('test', 'silent'))).toBe(1);
    const [doc] = await s.dataSource.query(`SELECT kind, legacy_doc_type FROM documents.documents WHERE id = $1`, [uploaded.id]);
    expect(doc).toEqual({ kind: 'COURT_ORDER', legacy_doc_type: 'Subpoena (served)' });
    const events = await s.dataSource.query(`SELECT type, matter_number, payload->>'kind' AS kind FROM events.outbox WHERE subject = $1`, [`document:${uploaded.id}`]);
    expect(events).toEqual([{ type: 'document.filed', matter_number: matter.display_number, kind: 'COURT_ORDER' }]);
    const [resolved] = await s.dataSource.query(`SELECT resolution FROM sync.quarantine WHERE legacy_id = $1`, [uploaded.id]);
    expect(resolved).toEqual({ resolution: 'REPROCESSED' });

    const again = await mappings.add({ kind: 'DOCUMENT_TYPE', rawValue: 'subpoena served', canonical: 'PLEADING' });
    expect(again).toMatchObject({ mapping: { version: 2 }, waiting: 0 });
  });

  it('stores a matter whose Case Status nobody mapped without a canonical status, and reports it', async () => {
    const matter = findAvaDiscoveryMatter(s.firm);
    const [mapped] = await s.dataSource.query(`SELECT case_status FROM matters.matters WHERE id = $1`, [String(matter.id)]);
    expect(mapped).toEqual({ case_status: 'DISCOVERY' });
    const caseStatus = s.firm.customFields.find((f) => f.name === 'Case Status')!;
    await s.dataSource.query(`DELETE FROM sync.value_mappings WHERE kind = 'case_status' AND raw_value = 'depositions'`);
    const depositions = caseStatus.picklist_options.find((o) => o.option === 'Depositions')!;
    await s.h.json('cms', `/api/v4/matters/${matter.id}.json`, {
      method: 'PATCH', body: JSON.stringify({ data: { custom_field_values: [{ custom_field: { id: caseStatus.id }, value: depositions.id }] } }),
    });
    await s.syncAll();
    const [row] = await s.dataSource.query(`SELECT case_status, legacy_case_status FROM matters.matters WHERE id = $1`, [String(matter.id)]);
    expect(row).toEqual({ case_status: null, legacy_case_status: 'Depositions' });
    const [item] = await s.dataSource.query(`SELECT reason, mapping_kind, raw_value FROM sync.quarantine WHERE system = 'cms' AND legacy_id = $1 AND resolved_at IS NULL`, [String(matter.id)]);
    expect(item).toEqual({ reason: 'UNMAPPED_VALUE', mapping_kind: 'case_status', raw_value: 'depositions' });

    await createMappingLoaders(s.dataSource, principals.admin).add({ kind: 'CASE_STATUS', rawValue: 'Depositions', canonical: 'DISCOVERY' });
    expect(await reprocessQuarantine(s.dataSource, QUARANTINE_REPROCESSORS, createLogger('test', 'silent'))).toBe(1);
    const [after] = await s.dataSource.query(`SELECT case_status FROM matters.matters WHERE id = $1`, [String(matter.id)]);
    expect(after).toEqual({ case_status: 'DISCOVERY' });
  });
});
