import { PDFDocument } from 'pdf-lib';
import { DEMO } from '../firm/demo.js';
import { startTestSimulators, type SimulatorHarness } from '../test-support.js';

interface Doc {
  id: string;
  name: string;
  matterNumber: string;
  docType: string;
  attributes: Record<string, string>;
  tags: string[];
  version: number;
  created: string;
  modified: string;
  size: number;
}
interface Page {
  data: Doc[];
  cursor: string | null;
}

async function samplePdf(text: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText(text);
  return pdf.save();
}

describe('DMS simulator', () => {
  let h: SimulatorHarness;
  beforeAll(async () => {
    h = await startTestSimulators();
  });
  afterAll(() => h.sims.close());

  it('lists every document once through the cursor, filtered by matter number and modifiedSince', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await h.json<Page>('dms', `/v1/documents?limit=64${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.data.map((d) => d.id));
      cursor = page.cursor;
    } while (cursor);
    expect(ids).toEqual(h.sims.firm.documents.map((d) => d.id));

    const matterNumber = DEMO.avaDiscoveryMatter.displayNumber;
    const ava = await h.json<Page>('dms', `/v1/documents?matterNumber=${matterNumber}`);
    expect(ava.cursor).toBeNull();
    const transcript = ava.data.find((d) => d.attributes.deponent === 'jane doe');
    expect(transcript).toMatchObject({ docType: 'depo transcript', matterNumber, id: expect.stringMatching(/^\d{4}-\d{4}-\d{4}$/) });
    expect(ava.data.some((d) => /transcript/i.test(d.docType) && /marcus/i.test(d.attributes.deponent ?? ''))).toBe(false);

    const since = '2025-02-01T00:00:00.000Z';
    const recent = await h.json<Page>('dms', `/v1/documents?modifiedSince=${since}&limit=1000`);
    expect(recent.data.map((d) => d.id)).toEqual(h.sims.firm.documents.filter((d) => d.modified >= since).map((d) => d.id));
    expect((await h.call('dms', '/v1/documents?limit=1001')).status).toBe(400);
    expect((await h.call('dms', '/v1/documents?cursor=garbage')).status).toBe(400);
  });

  it('serves a real PDF of the reported size for generated documents', async () => {
    const doc = h.sims.firm.documents[3]!;
    const meta = await h.json<Doc>('dms', `/v1/documents/${doc.id}`);
    const response = await h.call('dms', `/v1/documents/${doc.id}/content`);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBe(meta.size);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    expect((await h.call('dms', '/v1/documents/0000-0000-0000')).status).toBe(404);
  });

  it('takes multipart uploads, returns the exact bytes, patches metadata and deletes', async () => {
    const pdf = await samplePdf('Transcript of Marcus Lee');
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(pdf)], { type: 'application/pdf' }), 'lee.pdf');
    form.append('metadata', JSON.stringify({ name: 'Lee M depo.pdf', matterNumber: DEMO.avaDiscoveryMatter.displayNumber, docType: 'Depo. Trans.', attributes: { deponent: 'LEE, Marcus' }, tags: ['transcript'] }));
    const created = await h.call('dms', '/v1/documents', { method: 'POST', body: form });
    expect(created.status).toBe(201);
    const doc = (await created.json()) as Doc;
    expect(doc).toMatchObject({ name: 'Lee M depo.pdf', docType: 'Depo. Trans.', version: 1, size: pdf.length, attributes: { deponent: 'LEE, Marcus' } });
    const content = new Uint8Array(await (await h.call('dms', `/v1/documents/${doc.id}/content`)).arrayBuffer());
    expect(Buffer.from(content).equals(Buffer.from(pdf))).toBe(true);

    const patched = await h.json<Doc>('dms', `/v1/documents/${doc.id}`, { method: 'PATCH', body: JSON.stringify({ tags: ['transcript', 'reviewed'], docType: 'Deposition Transcript' }) });
    expect(patched).toMatchObject({ tags: ['transcript', 'reviewed'], docType: 'Deposition Transcript', version: 1 });
    expect(patched.modified > doc.modified).toBe(true);
    expect((await h.call('dms', `/v1/documents/${doc.id}`, { method: 'PATCH', body: JSON.stringify({ color: 'red' }) })).status).toBe(400);

    expect((await h.call('dms', `/v1/documents/${doc.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await h.call('dms', `/v1/documents/${doc.id}`)).status).toBe(404);
  });

  it('refuses uploads without a PDF or with bad metadata, with a clear message', async () => {
    const metadata = JSON.stringify({ name: 'x.pdf', matterNumber: DEMO.avaDiscoveryMatter.displayNumber, docType: 'Letter' });
    const cases: Array<[FormData, RegExp]> = [];
    const noFile = new FormData();
    noFile.append('metadata', metadata);
    cases.push([noFile, /file/]);
    const notPdf = new FormData();
    notPdf.append('file', new Blob(['hello']), 'x.txt');
    notPdf.append('metadata', metadata);
    cases.push([notPdf, /not a PDF/]);
    const badMeta = new FormData();
    badMeta.append('file', new Blob([Buffer.from(await samplePdf('x'))]), 'x.pdf');
    badMeta.append('metadata', JSON.stringify({ name: 'x.pdf', matterNumber: 'NOPE-1', docType: 'Letter' }));
    cases.push([badMeta, /workspace/]);
    for (const [body, message] of cases) {
      const response = await h.call('dms', '/v1/documents', { method: 'POST', body });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(message);
    }
  });
});
