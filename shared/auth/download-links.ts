import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a document link the graph hands out stays valid. */
export const DOWNLOAD_LINK_TTL_SECONDS = 300;

/** Its own key, derived from SUBGRAPH_SECRET: a download signature can never pass for anything else. */
function downloadKey(subgraphSecret: string): Buffer {
  return createHmac('sha256', subgraphSecret).update('casebridge document download links v1').digest();
}

function signature(key: Buffer, documentId: string, accountId: string, expires: number): string {
  return createHmac('sha256', key).update(`${documentId}\n${accountId}\n${expires}`).digest('base64url');
}

/**
 * `/documents/:id/download?a=<account>&e=<expiry>&s=<signature>`: the watermarked copy of this
 * document for this login, valid for DOWNLOAD_LINK_TTL_SECONDS (gateway/document-download.ts).
 */
export function signDownloadPath(subgraphSecret: string, documentId: string, accountId: string, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + DOWNLOAD_LINK_TTL_SECONDS;
  const query = new URLSearchParams({ a: accountId, e: String(expires), s: signature(downloadKey(subgraphSecret), documentId, accountId, expires) });
  return `/documents/${encodeURIComponent(documentId)}/download?${query.toString()}`;
}

/** The account the link was signed for, or null when it is forged, altered or expired. */
export function verifyDownload(subgraphSecret: string, documentId: string, query: { a?: unknown; e?: unknown; s?: unknown }, now = Date.now()): string | null {
  const { a, e, s } = query;
  if (typeof a !== 'string' || typeof e !== 'string' || typeof s !== 'string' || !/^\d+$/.test(e)) return null;
  const expires = Number(e);
  if (expires * 1000 < now) return null;
  const expected = Buffer.from(signature(downloadKey(subgraphSecret), documentId, a, expires));
  const given = Buffer.from(s);
  return given.length === expected.length && timingSafeEqual(given, expected) ? a : null;
}
