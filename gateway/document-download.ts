import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Router } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { AccountRow } from '../shared/auth/Account.js';
import { issueAccessToken } from '../shared/auth/tokens.js';
import { verifyDownload } from '../shared/auth/download-links.js';
import { localUrl } from '../shared/graphql/listen.js';
import { stampPdf, UnstampablePdfError } from './watermark.js';

/** Larger originals are refused: pdf-lib holds the whole document in memory while stamping. */
const MAX_PDF_BYTES = 50 * 1024 * 1024;
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
  httpServer: http.Server;
  graphqlPath: string;
  /** The DMS's base URL (the simulator's in single-process mode). */
  dmsUrl: string | undefined;
}

/**
 * `GET /documents/:id/download?a&e&s` — the link `Document.downloadUrl` hands out. The signature
 * names the login; what that login may see is asked of the graph itself (so another client's
 * document answers 404 exactly like a missing one), then the DMS original is stamped on every page
 * with "Confidential — prepared for <client> — <date>". The original is never served.
 */
export function documentDownloadRouter(deps: DocumentDownloadDeps): Router {
  const router = express.Router();
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
      const port = (deps.httpServer.address() as AddressInfo).port;
      const answer = await fetch(localUrl(deps.config.host, port, deps.graphqlPath), {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ me { email client { name } } matters { documents { id } } }' }),
      });
      const checked = visible.safeParse(await answer.json().catch(() => null));
      if (!checked.success) {
        // The graph could not say whether the login may see it (a subgraph down or overloaded): not the caller's fault.
        deps.logger.warn({ status: answer.status }, 'download refused: the graph did not answer the visibility check');
        res.status(503).set('retry-after', '5').json({ error: 'The document could not be checked just now: please try again in a moment.' });
        return;
      }
      const graph = checked.data;
      if (!graph.data.matters.some((m) => m.documents.some((d) => d.id === id))) {
        res.status(404).json({ error: NOT_FOUND });
        return;
      }
      if (!deps.dmsUrl) throw new Error('The gateway has no DMS_URL: set it to serve document downloads.');
      const original = await fetch(new URL(`v1/documents/${encodeURIComponent(id)}/content`, deps.dmsUrl.endsWith('/') ? deps.dmsUrl : `${deps.dmsUrl}/`), {
        headers: { authorization: `Bearer ${deps.config.legacy.dms.token}` }, signal: AbortSignal.timeout(30_000),
      });
      if (original.status === 404) {
        res.status(404).json({ error: NOT_FOUND });
        return;
      }
      if (!original.ok) {
        res.status(502).json({ error: 'The document store did not answer just now: please try again in a moment.' });
        return;
      }
      if (Number(original.headers.get('content-length') ?? 0) > MAX_PDF_BYTES) {
        res.status(422).json({ error: 'This document is too large for a watermarked copy: ask your legal team to send it to you.' });
        return;
      }
      const name = graph.data.me.client?.name ?? graph.data.me.email;
      const stamped = await stampPdf(new Uint8Array(await original.arrayBuffer()), `Confidential — prepared for ${name} — ${new Date().toISOString().slice(0, 10)}`);
      const disposition = /filename="([^"]+)"/.exec(original.headers.get('content-disposition') ?? '')?.[1] ?? `${id}.pdf`;
      res.status(200).type('application/pdf').set({ 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${disposition.replace(/[^\w .-]/g, '_')}"` }).send(Buffer.from(stamped));
    } catch (error) {
      if (error instanceof UnstampablePdfError) {
        res.status(422).json({ error: error.message });
        return;
      }
      next(error);
    }
  });
  return router;
}
