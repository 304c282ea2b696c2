import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import express, { type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { AccountRow } from '../shared/auth/Account.js';
import { issueAccessToken } from '../shared/auth/tokens.js';
import { verifyDownload } from '../shared/auth/download-links.js';
import { createSlots } from './download/slots.js';
import { spoolToFile, TooLargeError } from './download/spool.js';
import { stampPdf, UnstampablePdfError } from './watermark.js';

const RETRY_AFTER_SECONDS = 5;
const NOT_FOUND = 'No such document: open it again from the portal.';

const visible = z.object({
  data: z.object({
    me: z.object({ email: z.string(), client: z.object({ name: z.string() }).nullable() }),
    matters: z.array(z.object({ documents: z.array(z.object({ id: z.string() })) })),
  }),
});

export interface DocumentDownloadDeps {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
  /** The gateway's own /graphql, which visibility is asked of (as the link's login). */
  graphUrl: () => string;
  /** The DMS's base URL (the simulator's in single-process mode). */
  dmsUrl: string | undefined;
}

/**
 * `GET /documents/:id/download?a&e&s` — the link `Document.downloadUrl` hands out. The signature
 * names the login; what that login may see is asked of the graph itself (so another client's
 * document answers 404 exactly like a missing one), then the DMS original is stamped on every page
 * with "Confidential — prepared for <client> — <date>". The original is never served.
 *
 * Memory stays bounded: at most DOWNLOAD_MAX_CONCURRENT copies are prepared at once (beyond them:
 * 503 with Retry-After), each original of at most DOWNLOAD_MAX_PDF_BYTES (see serveStampedCopy).
 */
export function documentDownloadRouter(deps: DocumentDownloadDeps): Router {
  const router = express.Router();
  const slots = createSlots(deps.config.downloads.maxConcurrent);
  router.get('/documents/:id/download', async (req, res, next) => {
    try {
      const id = req.params.id;
      const accountId = verifyDownload(deps.config.auth.subgraphSecret, id, req.query);
      if (!accountId) {
        res.status(403).json({ error: 'This download link has expired or is not valid: open the document again from the portal.' });
        return;
      }
      const account = await deps.dataSource.getRepository(AccountRow).findOneBy({ id: accountId });
      if (!account || account.disabled) {
        res.status(404).json({ error: NOT_FOUND });
        return;
      }
      const token = await issueAccessToken({ accountId: account.id, email: account.email, role: account.role, clientId: account.clientId, staffId: account.staffId }, deps.config.auth);
      const answer = await fetch(deps.graphUrl(), {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ me { email client { name } } matters { documents { id } } }' }),
      });
      const body: unknown = await answer.json().catch(() => null);
      if (answer.status === 429) {
        // The login's own rate limit (repeated downloads count like any operation): say so, with its Retry-After.
        res.status(429).set({ 'retry-after': answer.headers.get('retry-after') ?? String(RETRY_AFTER_SECONDS) })
          .json({ error: 'Too many requests from your account just now: please try again in a moment.' });
        return;
      }
      const checked = visible.safeParse(body);
      if (!checked.success) {
        // The graph could not say whether the login may see it (a subgraph down or overloaded): not the caller's fault.
        deps.logger.warn({ status: answer.status }, 'download refused: the graph did not answer the visibility check');
        res.status(503).set('retry-after', String(RETRY_AFTER_SECONDS)).json({ error: 'The document could not be checked just now: please try again in a moment.' });
        return;
      }
      const graph = checked.data;
      if (!graph.data.matters.some((m) => m.documents.some((d) => d.id === id))) {
        res.status(404).json({ error: NOT_FOUND });
        return;
      }
      if (!deps.dmsUrl) throw new Error('The gateway has no DMS_URL: set it to serve document downloads.');
      const release = slots.tryAcquire();
      if (!release) {
        res.status(503).set({ 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store' })
          .json({ error: `Too many watermarked copies are being prepared right now: please try again in ${RETRY_AFTER_SECONDS} seconds.` });
        return;
      }
      const name = graph.data.me.client?.name ?? graph.data.me.email;
      await serveStampedCopy(deps, id, `Confidential — prepared for ${name} — ${new Date().toISOString().slice(0, 10)}`, release, res);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

const TOO_LARGE = 'This document is too large for a watermarked copy: ask your legal team to send it to you.';

type Prepared = { file: string; disposition: string } | { status: number; error: string };

/**
 * The DMS body is streamed to a temporary file, never buffered from the wire, and refused past the
 * cap. pdf-lib needs the whole document to stamp it, so the copy is made in memory from that file
 * and written back to a file; the stamping slot is then freed and the copy streamed to the client
 * at the client's pace, so a slow phone holds a file descriptor, not a slot or a document in
 * memory. The directory is deleted however the download ends: before a refusal is answered, after
 * a copy is served or the client went away.
 */
async function serveStampedCopy(deps: DocumentDownloadDeps, id: string, stamp: string, release: () => void, res: Response): Promise<void> {
  let dir: string | undefined;
  try {
    dir = await mkdtemp(path.join(deps.config.downloads.tempDir, 'casebridge-download-'));
    const prepared = await prepareCopy(deps, id, stamp, dir).finally(release);
    if ('error' in prepared) {
      await rm(dir, { recursive: true, force: true });
      res.status(prepared.status).json({ error: prepared.error });
      return;
    }
    res.status(200).type('application/pdf').set({ 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${prepared.disposition.replace(/[^\w .-]/g, '_')}"` });
    await pipeline(createReadStream(prepared.file), res).catch((error: unknown) => {
      // The client went away mid-download: nothing to answer, the copy is deleted below.
      deps.logger.debug({ err: error, document: id }, 'watermarked download not finished by the client');
    });
  } finally {
    release();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

/** The original spooled within the cap, stamped, and written to `dir`; or why not, in words for the client. */
async function prepareCopy(deps: DocumentDownloadDeps, id: string, stamp: string, dir: string): Promise<Prepared> {
  const { maxPdfBytes } = deps.config.downloads;
  const base = deps.dmsUrl!.endsWith('/') ? deps.dmsUrl! : `${deps.dmsUrl}/`;
  const original = await fetch(new URL(`v1/documents/${encodeURIComponent(id)}/content`, base), {
    headers: { authorization: `Bearer ${deps.config.legacy.dms.token}` }, signal: AbortSignal.timeout(30_000),
  });
  if (original.status === 404) return { status: 404, error: NOT_FOUND };
  if (!original.ok) return { status: 502, error: 'The document store did not answer just now: please try again in a moment.' };
  if (Number(original.headers.get('content-length') ?? 0) > maxPdfBytes) {
    await original.body?.cancel();
    return { status: 422, error: TOO_LARGE };
  }
  try {
    await spoolToFile(original.body, path.join(dir, 'original.pdf'), maxPdfBytes);
    const stamped = await stampPdf(await readFile(path.join(dir, 'original.pdf')), stamp);
    await writeFile(path.join(dir, 'stamped.pdf'), stamped, { mode: 0o600 });
  } catch (error) {
    if (error instanceof TooLargeError) return { status: 422, error: TOO_LARGE };
    if (error instanceof UnstampablePdfError) return { status: 422, error: error.message };
    throw error;
  }
  const disposition = /filename="([^"]+)"/.exec(original.headers.get('content-disposition') ?? '')?.[1] ?? `${id}.pdf`;
  return { file: path.join(dir, 'stamped.pdf'), disposition };
}
