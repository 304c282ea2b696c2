/**
 * After the first import, each poll asks only for what changed: changes made through the legacy
 * APIs show up after the next sync; deletions of what clients see (hearings, deadlines, documents,
 * invoices) too, the rest after the next sweep; an idle poll costs about one request per resource
 * plus one id listing per client-visible resource.
 */
import { PDFDocument } from 'pdf-lib';
import { findAvaDiscoveryMatter, findContactByEmail, DEMO } from '../legacy/firm/demo.js';
import { syncKeys } from '../subgraphs/ingest/index.js';
import { firmCounts, readModelCounts, startSyncHarness, type SyncHarness } from './test-support.js';

async function samplePdf(): Promise<Blob> {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('Deposition of Marcus Lee');
  return new Blob([Buffer.from(await pdf.save())], { type: 'application/pdf' });
}

describe('incremental sync', () => {
  let s: SyncHarness;
  beforeAll(async () => {
    s = await startSyncHarness({ reconcileSeconds: 3600 });
    await s.syncAll();
  });
  afterAll(() => s?.close());

  it('polls an unchanged firm with about one request per resource, and one id listing per client-visible resource', async () => {
    const before = s.requests();
    const outcomes = await s.syncAll();
    const made = s.requests() - before;
    expect(outcomes.every((o) => o.ok && !o.fullImport)).toBe(true);
    const swept = outcomes.filter((o) => o.reconciled).map((o) => o.resource).sort();
    expect(swept).toEqual(['bills', 'calendar_entries', 'documents', 'tasks']);
    expect(made).toBeLessThanOrEqual(syncKeys().length + swept.length + 2);
  });

  it('reflects a changed matter, a new calendar entry, an uploaded document and a payment', async () => {
    const matter = findAvaDiscoveryMatter(s.firm);
    const caseStatus = s.firm.customFields.find((f) => f.name === 'Case Status')!;
    const depositions = caseStatus.picklist_options.find((o) => o.option === 'Depositions')!;
    const hearingType = s.firm.calendarEntryEventTypes.find((t) => t.name === 'Hearing')!;
    await s.h.json('cms', `/api/v4/matters/${matter.id}.json`, {
      method: 'PATCH',
      body: JSON.stringify({ data: { description: 'Martin v. Harbor Logistics - depositions', custom_field_values: [{ custom_field: { id: caseStatus.id }, value: depositions.id }] } }),
    });
    const entry = await s.h.json<{ data: { id: string } }>('cms', '/api/v4/calendar_entries.json', {
      method: 'POST',
      body: JSON.stringify({ data: { summary: 'Court Date - pretrial', start_at: '2025-04-02T09:30:00-07:00', end_at: '2025-04-02T10:30:00-07:00', matter: { id: matter.id }, calendar_entry_event_type: { id: hearingType.id } } }),
    });
    const form = new FormData();
    form.set('file', await samplePdf(), 'Lee M depo transcript.pdf');
    form.set('metadata', JSON.stringify({ name: 'Lee M depo transcript.pdf', matterNumber: matter.display_number, docType: 'Depo. Trans.', attributes: { deponent: 'Marcus Lee' }, tags: ['discovery'] }));
    const uploaded = await s.h.json<{ id: string }>('dms', '/v1/documents', { method: 'POST', body: form });
    const bill = s.firm.bills.find((b) => b.number === '1002')!;
    await s.h.json('billing', `/api/v4/bills/${bill.id}/payments.json`, { method: 'POST', body: JSON.stringify({ data: { amount: '234.45' } }) });

    await s.syncAll();

    const [m] = await s.dataSource.query(`SELECT title, legacy_case_status FROM matters.matters WHERE id = $1`, [String(matter.id)]);
    expect(m).toEqual({ title: 'Martin v. Harbor Logistics - depositions', legacy_case_status: 'Depositions' });
    const [e] = await s.dataSource.query(`SELECT kind, starts_at, matter_id FROM matters.matter_events WHERE id = $1`, [`calendar:${entry.data.id}`]);
    expect(e).toEqual({ kind: 'HEARING', starts_at: new Date('2025-04-02T16:30:00Z'), matter_id: String(matter.id) });
    const [d] = await s.dataSource.query(`SELECT kind, matter_number, attributes FROM documents.documents WHERE id = $1`, [uploaded.id]);
    expect(d).toEqual({ kind: 'DEPOSITION_TRANSCRIPT', matter_number: DEMO.avaDiscoveryMatter.displayNumber, attributes: { deponent: 'Marcus Lee' } });
    const [i] = await s.dataSource.query(`SELECT paid::text, balance::text, legacy_state FROM billing.invoices WHERE id = $1`, [String(bill.id)]);
    expect(i).toEqual({ paid: '234.45', balance: '1000.05', legacy_state: 'awaiting_payment' });
    expect(await readModelCounts(s.dataSource)).toEqual(firmCounts(s.firm));
  });

  it('takes a deleted calendar entry and document out at the next poll, without waiting for the sweep', async () => {
    const entry = s.firm.calendarEntries.find((e) => e.matter !== null)!;
    const doc = s.firm.documents[5]!;
    expect((await s.h.call('cms', `/api/v4/calendar_entries/${entry.id}.json`, { method: 'DELETE' })).status).toBe(204);
    expect((await s.h.call('dms', `/v1/documents/${doc.id}`, { method: 'DELETE' })).status).toBe(204);

    await s.syncAll();
    expect(await s.dataSource.query(`SELECT id FROM matters.matter_events WHERE id = $1`, [`calendar:${entry.id}`])).toEqual([]);
    expect(await s.dataSource.query(`SELECT id FROM documents.documents WHERE id = $1`, [doc.id])).toEqual([]);

    s.ctx.reconcileSeconds = 0;
    const outcomes = await s.syncAll();
    expect(outcomes.every((o) => o.reconciled)).toBe(true);
    expect(await readModelCounts(s.dataSource)).toEqual(firmCounts(s.firm));
    s.ctx.reconcileSeconds = 3600;
  });

  it('leaves a stored row alone when the incoming legacy version is older', async () => {
    const ben = findContactByEmail(s.firm, DEMO.emails.ben);
    await s.dataSource.query(`UPDATE matters.clients SET name = 'Ben (newer)', legacy_updated_at = now() + interval '1 day' WHERE id = $1`, [String(ben.id)]);
    await s.dataSource.query(`UPDATE sync.cursors SET updated_since = NULL WHERE system = 'cms' AND resource = 'contacts'`);
    await s.syncAll();
    const [row] = await s.dataSource.query(`SELECT name FROM matters.clients WHERE id = $1`, [String(ben.id)]);
    expect(row.name).toBe('Ben (newer)');
  });
});
