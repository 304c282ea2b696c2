import { z } from 'zod';
import { makeEtag } from '../../firm/time.js';
import type { Ref } from '../../firm/types.js';
import type { Table } from '../../store/table.js';
import { unprocessable } from '../errors.js';

export const refSchema = z.object({ id: z.number().int().positive() });
export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');
export const dateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, 'expected an ISO 8601 timestamp with offset')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real timestamp');

/** Validates a Clio write body, `{"data": {...}}`; anything else is a 422 and changes nothing. */
export function parseData<T>(schema: z.ZodType<T>, body: unknown): T {
  if (typeof body !== 'object' || body === null || !('data' in body)) throw unprocessable('Validation failed: the body must be {"data": {...}}');
  const parsed = schema.safeParse(body.data);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((i) => `${['data', ...i.path].join('.')}: ${i.message}`).join('; ');
  throw unprocessable(`Validation failed: ${detail}`);
}

/** The id of an existing row referenced as `{"id": n}`, or a 422 naming the field. */
export function resolveRef<T>(table: Table<T>, ref: { id: number } | null | undefined, field: string): Ref | null | undefined {
  if (ref === undefined || ref === null) return ref;
  if (table.get(ref.id) === undefined) throw unprocessable(`Validation failed: ${field}.id ${ref.id} does not exist`);
  return { id: ref.id };
}

let revision = 0;

/** A write's timestamp and a fresh etag (unique even for two writes in the same millisecond). */
export function stamp(kind: string, id: number): { updated_at: string; etag: string } {
  const updated_at = new Date().toISOString();
  revision += 1;
  return { updated_at, etag: makeEtag(kind, id, updated_at, revision) };
}
