import type { Request, Response } from 'express';
import { badRequest } from '../errors.js';
import { absoluteUrl, instantParam, intParam, queryParam } from '../query.js';
import { parseFields } from './fields.js';
import type { JsonObject } from './json.js';
import { sendJson } from './respond.js';
import { renderSelected, specOf, viewOf, type VersionedResource } from './view.js';

export const MAX_LIMIT = 200;

export interface ClioResource<T> extends VersionedResource<T> {
  /** Rows ordered by id ascending. */
  rows(): readonly T[];
  orderOf(row: T): number;
  updatedAt(row: T): string;
}

function encodeToken(lastId: number): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString('base64url');
}

function decodeToken(token: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'after' in parsed && typeof parsed.after === 'number') return parsed.after;
  } catch {
    // fall through to the 400 below
  }
  throw badRequest(`Invalid page_token "${token}"`);
}

/**
 * A Clio list: filters, `updated_since`, `fields`, `limit` (1..200, default 200) and cursor
 * paging by id; `meta.paging.next` repeats the query with the next `page_token`.
 */
export function sendList<T>(req: Request, res: Response, resource: ClioResource<T>, filter: (row: T) => boolean = () => true): void {
  const view = viewOf(res);
  const selection = parseFields(queryParam(req, 'fields'), specOf(resource, view.version), resource.defaultFields);
  const limit = intParam(req, 'limit') ?? MAX_LIMIT;
  if (limit < 1 || limit > MAX_LIMIT) throw badRequest(`Invalid limit ${limit}: it must be between 1 and ${MAX_LIMIT}`);
  const order = queryParam(req, 'order');
  if (order !== undefined && order !== 'id(asc)') throw badRequest(`Invalid order "${order}": cursor paging supports only id(asc)`);
  const since = instantParam(req, 'updated_since');
  const token = queryParam(req, 'page_token');
  const after = token === undefined ? Number.NEGATIVE_INFINITY : decodeToken(token);

  const matching = resource.rows().filter((row) => filter(row) && (since === undefined || Date.parse(resource.updatedAt(row)) >= since));
  const start = matching.findIndex((row) => resource.orderOf(row) > after);
  const page = start === -1 ? [] : matching.slice(start, start + limit);
  const last = page[page.length - 1];
  const more = start !== -1 && start + limit < matching.length && last !== undefined;
  const paging: JsonObject = more ? { next: absoluteUrl(req, { page_token: encodeToken(resource.orderOf(last)) }) } : {};
  sendJson(req, res, 200, {
    data: page.map((row) => renderSelected(resource, row, selection, view)),
    meta: { paging, records: matching.length },
  });
}

/** A single record: `{"data": {...}}` with the record's etag as ETag. */
export function sendRecord<T>(req: Request, res: Response, resource: ClioResource<T>, row: T, status = 200): void {
  const view = viewOf(res);
  const selection = parseFields(queryParam(req, 'fields'), specOf(resource, view.version), resource.defaultFields);
  const etag = (row as { etag?: unknown }).etag;
  sendJson(req, res, status, { data: renderSelected(resource, row, selection, view) }, typeof etag === 'string' ? etag : undefined);
}
