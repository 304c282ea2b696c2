/**
 * The first import: an empty read model becomes equal to the demo firm in the three legacy
 * systems — counts, resolved picklist labels, exact money and exact instants.
 */
import { DEMO, findAvaDiscoveryMatter } from '../legacy/firm/demo.js';
import { isInitialImportDone, syncKeys } from '../subgraphs/ingest/index.js';
import { firmCounts, readModelCounts, startSyncHarness, type SyncHarness } from './test-support.js';

describe('the first import of the demo firm', () => {
  let s: SyncHarness;
  beforeAll(async () => {
    s = await startSyncHarness();
    expect(await isInitialImportDone(s.dataSource)).toBe(false);
    const outcomes = await s.syncAll();
    expect(outcomes.filter((o) => !o.ok || o.invalid > 0 || !o.fullImport)).toEqual([]);
  });
  afterAll(() => s?.close());

  it('fills the read model with exactly what the legacy systems hold', async () => {
    expect(await readModelCounts(s.dataSource)).toEqual(firmCounts(s.firm));
  });

  it('marks every registered resource imported', async () => {
    expect(await isInitialImportDone(s.dataSource)).toBe(true);
    const cursors: Array<{ system: string; resource: string; imported: boolean; synced: string }> = await s.dataSource.query(
      `SELECT system, resource, imported_at IS NOT NULL AS imported, records_synced::text AS synced FROM sync.cursors ORDER BY system, resource`,
    );
    expect(cursors.map((c) => `${c.system}/${c.resource}`).sort()).toEqual(syncKeys().map((k) => `${k.system}/${k.resource}`).sort());
    expect(cursors.every((c) => c.imported && Number(c.synced) > 0)).toBe(true);
  });

  it("resolves the label of Ava's discovery matter's case status from its picklist option id", async () => {
    const matter = findAvaDiscoveryMatter(s.firm);
    const [row] = await s.dataSource.query(`SELECT title, legacy_case_status, practice_area, client_id, number FROM matters.matters WHERE id = $1`, [String(matter.id)]);
    expect(row).toEqual({
      title: DEMO.avaDiscoveryMatter.description,
      legacy_case_status: DEMO.avaDiscoveryMatter.caseStatus,
      practice_area: 'Litigation',
      client_id: String(matter.client.id),
      number: DEMO.avaDiscoveryMatter.displayNumber,
    });
  });

  it('gives every matter a client row', async () => {
    const [{ orphans }] = await s.dataSource.query(
      `SELECT count(*)::int AS orphans FROM matters.matters m LEFT JOIN matters.clients c ON c.id = m.client_id WHERE c.id IS NULL`,
    );
    expect(orphans).toBe(0);
  });

  it('keeps money exact, to the cent', async () => {
    const rows: Array<{ id: string; total: string; balance: string; paid: string; currency: string; legacy_state: string }> = await s.dataSource.query(
      `SELECT id, total::text, balance::text, paid::text, currency, legacy_state FROM billing.invoices`,
    );
    const cents = (text: string) => {
      const [whole, fraction] = text.split('.');
      return Number(whole) * 100 + Number(fraction);
    };
    const text = (c: number) => `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, '0')}`;
    for (const bill of s.firm.bills) {
      const row = rows.find((r) => r.id === String(bill.id));
      const balance = bill.state === 'void' ? 0 : bill.total_cents - bill.paid_cents;
      expect(row).toEqual({ id: String(bill.id), total: text(bill.total_cents), paid: text(bill.paid_cents), balance: text(balance), currency: 'USD', legacy_state: bill.state });
      expect(cents(row!.total)).toBe(bill.total_cents);
    }
    const [ava] = await s.dataSource.query(`SELECT total::text, balance::text FROM billing.invoices WHERE number = '1002'`);
    expect(ava).toEqual({ total: '1234.50', balance: '1234.50' });
  });

  it('stores calendar times given with mixed offsets as the right instants, and tasks as noon-UTC deadlines', async () => {
    const rows: Array<{ id: string; starts_at: Date; ends_at: Date | null; kind: string }> = await s.dataSource.query(`SELECT id, starts_at, ends_at, kind FROM matters.matter_events`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const offsets = new Set<string>();
    for (const entry of s.firm.calendarEntries.filter((e) => e.matter !== null)) {
      offsets.add(/(Z|[+-]\d{2}:\d{2})$/.exec(entry.start_at)?.[1] ?? '?');
      const row = byId.get(`calendar:${entry.id}`);
      expect(row?.starts_at.getTime()).toBe(Date.parse(entry.start_at));
      expect(row?.ends_at?.getTime() ?? null).toBe(entry.end_at === null ? null : Date.parse(entry.end_at));
    }
    expect(offsets.size).toBeGreaterThan(1);
    const hearing = s.firm.calendarEntries.find((e) => e.summary === 'Hearing - Motion to Compel')!;
    expect(byId.get(`calendar:${hearing.id}`)?.kind).toBe('HEARING');
    const deposition = s.firm.calendarEntries.find((e) => e.summary === 'Deposition of Jane Doe')!;
    expect(byId.get(`calendar:${deposition.id}`)?.kind).toBe('DEPOSITION');
    const task = s.firm.tasks.find((t) => t.due_at !== null && t.matter !== null)!;
    expect(byId.get(`task:${task.id}`)).toMatchObject({ kind: 'DEADLINE', starts_at: new Date(`${task.due_at}T12:00:00Z`) });
  });

  it('normalises document types and keeps the raw one', async () => {
    const rows: Array<{ kind: string; legacy_doc_type: string; attributes: Record<string, string>; tags: string[] }> = await s.dataSource.query(
      `SELECT kind, legacy_doc_type, attributes, tags FROM documents.documents WHERE legacy_doc_type IN ('depo transcript', 'Depo. Trans.', 'DEPOSITION', 'Mot.', 'corr.')`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.kind).toBe(/^(mot)/i.test(row.legacy_doc_type) ? 'MOTION' : /^corr/i.test(row.legacy_doc_type) ? 'CORRESPONDENCE' : 'DEPOSITION_TRANSCRIPT');
    const [jane] = await s.dataSource.query(`SELECT attributes, tags, kind FROM documents.documents WHERE name = 'Doe J depo transcript.pdf'`);
    expect(jane).toEqual({ attributes: { deponent: 'jane doe' }, tags: ['discovery', 'transcript'], kind: 'DEPOSITION_TRANSCRIPT' });
  });
});
