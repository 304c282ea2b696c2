import { EncryptedPDFError, PDFDocument, StandardFonts, degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

/** A PDF that cannot be stamped is refused, never served unstamped. */
export class UnstampablePdfError extends Error {}

const SIZE = 9;
const MARGIN = 12;

/**
 * Helvetica's WinAnsi encoding carries Spanish (á é í ó ú ñ ü ¿ ¡) and the em dash; any other
 * character (a name in another script) is drawn as "?" rather than failing the download.
 */
function drawable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet());
  return [...text].map((c) => (known.has(c.codePointAt(0) ?? -1) ? c : '?')).join('');
}

/** Along the bottom edge as the reader sees the page: by its crop box and its /Rotate. */
function stampPage(page: PDFPage, font: PDFFont, text: string): void {
  const box = page.getCropBox();
  const width = font.widthOfTextAtSize(text, SIZE);
  const rotation = ((page.getRotation().angle % 360) + 360) % 360;
  const style = { size: SIZE, font, color: rgb(0.3, 0.3, 0.3) };
  if (rotation === 90) page.drawText(text, { ...style, x: box.x + box.width - MARGIN, y: box.y + (box.height - width) / 2, rotate: degrees(90) });
  else if (rotation === 180) page.drawText(text, { ...style, x: box.x + (box.width + width) / 2, y: box.y + box.height - MARGIN, rotate: degrees(180) });
  else if (rotation === 270) page.drawText(text, { ...style, x: box.x + MARGIN, y: box.y + (box.height + width) / 2, rotate: degrees(270) });
  else page.drawText(text, { ...style, x: box.x + (box.width - width) / 2, y: box.y + MARGIN });
}

/** Every page stamped with `text`; encrypted or unreadable PDFs throw UnstampablePdfError. */
export async function stampPdf(bytes: Uint8Array, text: string): Promise<Uint8Array> {
  try {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    // pdf-lib parses leniently: a broken page tree only shows when the pages are read.
    if (pdf.getPageCount() === 0) throw new UnstampablePdfError('This document has no pages: ask your legal team to send it to you.');
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const line = drawable(font, text);
    for (const page of pdf.getPages()) stampPage(page, font, line);
    return await pdf.save();
  } catch (error) {
    if (error instanceof UnstampablePdfError) throw error;
    // By message too: pdf-lib ships CommonJS and ES builds, and a loader may hand out either's error class.
    if (error instanceof EncryptedPDFError || (error instanceof Error && /is encrypted/.test(error.message))) throw new UnstampablePdfError('This document is encrypted, so a watermarked copy cannot be made: ask your legal team to send it to you.');
    throw new UnstampablePdfError('This document is not a readable PDF, so a watermarked copy cannot be made: ask your legal team to send it to you.');
  }
}
