/** The stamp: on every page whatever its rotation, and never an unstamped copy of what cannot be read. */
import { PDFDocument, degrees } from 'pdf-lib';
import { inflateSync } from 'node:zlib';
import { stampPdf, UnstampablePdfError } from './watermark.js';

const hex = (text: string) => Buffer.from(text, 'latin1').toString('hex').toUpperCase();

/** Each page's appended content stream, inflated. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes);
  return pdf.getPages().map((page) => {
    const contents = page.node.Contents();
    const refs = contents && 'asArray' in contents ? contents.asArray() : [contents];
    return refs.map((ref) => {
      const stream = ref ? pdf.context.lookup(ref) : undefined;
      const raw = stream && 'getContents' in stream && typeof stream.getContents === 'function' ? Buffer.from(stream.getContents() as Uint8Array) : Buffer.alloc(0);
      try { return inflateSync(raw).toString('latin1'); } catch { return raw.toString('latin1'); }
    }).join('\n');
  });
}

describe('stampPdf', () => {
  it('stamps every page, rotated ones included, with a Spanish name intact', async () => {
    const pdf = await PDFDocument.create();
    for (const angle of [0, 90, 180, 270]) pdf.addPage([612, 792]).setRotation(degrees(angle));
    pdf.getPage(1).setCropBox(50, 50, 400, 600);
    const text = 'Confidential — prepared for José Núñez — 2026-12-01';
    const stamped = await stampPdf(await pdf.save(), text);
    const pages = await pageTexts(stamped);
    expect(pages).toHaveLength(4);
    for (const page of pages) expect(page.toUpperCase()).toContain(hex(text.replace('—', '\x97').replace('—', '\x97')));
  });

  it('refuses a corrupt PDF and an encrypted one with a message saying what to do', async () => {
    await expect(stampPdf(new TextEncoder().encode('%PDF-1.7 nothing else'), 'x')).rejects.toThrow(UnstampablePdfError);
    const pdf = await PDFDocument.create();
    pdf.addPage();
    const plain = Buffer.from(await pdf.save({ useObjectStreams: false })).toString('latin1');
    const encrypted = plain.replace(/trailer\s*<</, (m) => `${m}\n/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>`);
    await expect(stampPdf(Buffer.from(encrypted, 'latin1'), 'x')).rejects.toThrow(/encrypted.*ask your legal team/);
  });
});
