import { Router } from 'express';
import { isoInstant } from '../firm/time.js';
import type { DmsDocument } from '../firm/types.js';
import { badRequest, notFound } from '../http/errors.js';
import { instantParam, intParam, queryParam } from '../http/query.js';
import { documentContent } from '../pdf.js';
import type { Store } from '../store/store.js';
import { issues, metadataSchema, patchSchema, renderDocument } from './metadata.js';
import { readUpload } from './upload.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

function encodeCursor(seq: number): string {
  return Buffer.from(`after:${seq}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^after:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw badRequest(`Invalid cursor "${cursor}"`);
  return Number(match[1]);
}

/** NetDocuments/iManage-like documents, in workspaces keyed by the matter's display number. */
export function dmsRouter(store: Store): Router {
  const router = Router();
  const find = (id: string | undefined): DmsDocument => {
    const doc = id === undefined ? undefined : store.documents.get(id);
    if (!doc) throw notFound(`No document ${id}`);
    return doc;
  };
  const requireWorkspace = (matterNumber: string) => {
    if (!store.matters.all().some((m) => m.display_number === matterNumber)) throw badRequest(`No workspace for matter number "${matterNumber}"`);
  };

  router.get('/v1/documents', (req, res) => {
    const limit = intParam(req, 'limit') ?? DEFAULT_LIMIT;
    if (limit < 1 || limit > MAX_LIMIT) throw badRequest(`Invalid limit ${limit}: it must be between 1 and ${MAX_LIMIT}`);
    const matterNumber = queryParam(req, 'matterNumber');
    const since = instantParam(req, 'modifiedSince');
    const cursor = queryParam(req, 'cursor');
    const rows = store.documents.all();
    const page: DmsDocument[] = [];
    let more = false;
    for (let i = cursor ? store.documents.positionAfter(decodeCursor(cursor)) : 0; i < rows.length; i++) {
      const doc = rows[i] as DmsDocument;
      if (matterNumber !== undefined && doc.matterNumber !== matterNumber) continue;
      if (since !== undefined && Date.parse(doc.modified) < since) continue;
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push(doc);
    }
    const last = page[page.length - 1];
    // Like iManage's total_count: how many documents match the whole listing, whichever page this is.
    const total = rows.filter((doc) => (matterNumber === undefined || doc.matterNumber === matterNumber) && (since === undefined || Date.parse(doc.modified) >= since)).length;
    res.json({ data: page.map(renderDocument), cursor: more && last ? encodeCursor(last.seq) : null, total });
  });

  router.get('/v1/documents/:id', (req, res) => {
    res.json(renderDocument(find(req.params.id)));
  });

  router.get('/v1/documents/:id/content', async (req, res) => {
    const doc = find(req.params.id);
    const bytes = await documentContent(doc, store.firm.name);
    const fileName = doc.name.toLowerCase().endsWith('.pdf') ? doc.name : `${doc.name}.pdf`;
    res.status(200).type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`);
    res.send(Buffer.from(bytes));
  });

  router.post('/v1/documents', async (req, res) => {
    const upload = await readUpload(req);
    if (!upload.file || upload.file.length === 0) throw badRequest('The "file" part is missing or empty');
    if (upload.file.subarray(0, 5).toString('latin1') !== '%PDF-') throw badRequest('The "file" part is not a PDF (it must start with %PDF-)');
    if (upload.metadata === null) throw badRequest('The "metadata" part is missing');
    let json: unknown;
    try {
      json = JSON.parse(upload.metadata);
    } catch {
      throw badRequest('The "metadata" part is not valid JSON');
    }
    const parsed = metadataSchema.safeParse(json);
    if (!parsed.success) throw badRequest(`Invalid metadata: ${issues(parsed.error)}`);
    requireWorkspace(parsed.data.matterNumber);
    const { seq, id } = store.nextDocumentKey();
    const now = isoInstant(Date.now());
    const doc = store.documents.insert({ seq, id, ...parsed.data, version: 1, created: now, modified: now, size: upload.file.length, contentType: 'application/pdf', content: new Uint8Array(upload.file) });
    res.status(201).json(renderDocument(doc));
  });

  router.patch('/v1/documents/:id', (req, res) => {
    const doc = find(req.params.id);
    const parsed = patchSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw badRequest(`Invalid metadata: ${issues(parsed.error)}`);
    if (parsed.data.matterNumber !== undefined) requireWorkspace(parsed.data.matterNumber);
    const modified = new Date(Math.max(Date.now(), Date.parse(doc.modified) + 1)).toISOString();
    store.documents.update(doc.id, { ...parsed.data, modified });
    res.json(renderDocument(doc));
  });

  router.delete('/v1/documents/:id', (req, res) => {
    store.documents.remove(find(req.params.id).id);
    res.status(204).end();
  });

  return router;
}
