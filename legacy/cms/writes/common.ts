import type { Router } from 'express';
import type { z } from 'zod';
import { sendRecord, type ClioResource } from '../../http/clio/list.js';
import { parseData, stamp } from '../../http/clio/validate.js';
import { notFound } from '../../http/errors.js';
import type { Table } from '../../store/table.js';

export interface Writable<T extends { id: number }, C, U> {
  path: string;
  table: Table<T>;
  resource: ClioResource<T>;
  createSchema: z.ZodType<C>;
  updateSchema: z.ZodType<U>;
  create(data: C, id: number): T;
  /** The keys to change; must throw (a 422) before anything is changed. */
  update(row: T, data: U): Partial<T>;
}

function routeId(text: string | undefined): number {
  return /^\d+$/.test(text ?? '') ? Number(text) : Number.NaN;
}

/** POST `/<path>.json`, PATCH and DELETE `/<path>/<id>.json`. */
export function writeRoutes<T extends { id: number }, C, U>(router: Router, w: Writable<T, C, U>): void {
  const find = (text: string | undefined): T => {
    const row = w.table.get(routeId(text));
    if (row === undefined) throw notFound(`No ${w.path.replace(/_/g, ' ')} record with id ${text}`);
    return row;
  };
  router.post(`/${w.path}.json`, (req, res) => {
    const data = parseData(w.createSchema, req.body);
    const row = w.table.insert(w.create(data, w.table.maxOrder() + 1));
    sendRecord(req, res, w.resource, row, 201);
  });
  router.patch(`/${w.path}/:id.json`, (req, res) => {
    const row = find(req.params.id);
    const changes = w.update(row, parseData(w.updateSchema, req.body));
    w.table.update(row.id, { ...changes, ...stamp(w.path, row.id) });
    sendRecord(req, res, w.resource, row);
  });
  router.delete(`/${w.path}/:id.json`, (req, res) => {
    w.table.remove(find(req.params.id).id);
    res.status(204).end();
  });
}
