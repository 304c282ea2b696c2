import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Sends JSON with an ETag (the record's own for single records, a digest of the body otherwise);
 * a matching If-None-Match gets a 304 with no body.
 */
export function sendJson(req: Request, res: Response, status: number, body: unknown, etag?: string): void {
  const text = JSON.stringify(body);
  const tag = etag ?? `"${createHash('md5').update(text).digest('hex')}"`;
  res.setHeader('ETag', tag);
  if (status === 200 && (req.method === 'GET' || req.method === 'HEAD') && matches(req.get('if-none-match'), tag)) {
    res.status(304).end();
    return;
  }
  res.status(status).type('application/json; charset=utf-8').send(text);
}
