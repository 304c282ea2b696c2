import { z } from 'zod';
import { badUserInput } from '../../shared/errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Where a page ends: the exact (createdAt, id) of its last row, opaque to callers. */
export interface Cursor {
  /** PostgreSQL's own text of the timestamp: exact to the microsecond, unlike a JS Date. */
  createdAt: string;
  id: string;
}

const cursorSchema = z.object({
  createdAt: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/),
  id: z.uuid(),
});

export const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');

export function decodeCursor(after: string): Cursor {
  try {
    const [createdAt, id] = z.tuple([z.string(), z.string()]).parse(JSON.parse(Buffer.from(after, 'base64url').toString('utf8')));
    return cursorSchema.parse({ createdAt, id });
  } catch {
    throw badUserInput('"after" is not a cursor this API gave out: pass pageInfo.endCursor of the previous page.', 'after');
  }
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`"first" must be between 1 and ${MAX_PAGE_SIZE}.`, 'first');
  }
  return first;
}
