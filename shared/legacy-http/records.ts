import { z } from 'zod';

/** A legacy record that failed validation: kept out of the read model and quarantined with its payload. */
export interface InvalidRecord {
  id: string | null;
  reason: string;
  /** The record as received. */
  payload: unknown;
}

/** One page of a legacy listing: the records that passed validation, and those that did not. */
export interface LegacyPage<T> {
  records: T[];
  invalid: InvalidRecord[];
  /** How many records the whole listing holds, when the system says (Clio's `meta.records`): first-import progress estimates from it. */
  total?: number;
  /** How long reading this page waited for the system's rate limit, in ms. */
  rateLimitWaitMs?: number;
}

const withId = z.object({ id: z.union([z.string(), z.number()]) });

/** Validates each record on its own, so one bad record never spoils its page. */
export function validateRecords<T>(items: readonly unknown[], schema: z.ZodType<T>): LegacyPage<T> {
  const page: LegacyPage<T> = { records: [], invalid: [] };
  for (const item of items) {
    const parsed = schema.safeParse(item);
    if (parsed.success) {
      page.records.push(parsed.data);
      continue;
    }
    const id = withId.safeParse(item);
    const reason = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; ');
    page.invalid.push({ id: id.success ? String(id.data.id) : null, reason, payload: item });
  }
  return page;
}

/** Legacy ids are numbers in Clio and strings elsewhere (calendar entries, DMS); we keep them as text. */
export const legacyId = z.union([z.number().int().nonnegative(), z.string().trim().min(1).max(100)]).transform(String);

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** An ISO 8601 timestamp with its offset, as the exact instant; one without an offset is ambiguous and refused. */
export const instant = z
  .string()
  .regex(INSTANT, 'expected an ISO 8601 timestamp with an offset')
  .transform((text) => new Date(text))
  .refine((date) => !Number.isNaN(date.getTime()), 'not a real timestamp');

/** A calendar date, YYYY-MM-DD (a timestamp is cut to its date as written). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T.*)?$/, 'expected a date YYYY-MM-DD')
  .transform((text) => text.slice(0, 10))
  .refine((text) => !Number.isNaN(Date.parse(text)), 'not a real date');

/** A reference `{id}` that may be absent. */
export const optionalRef = z.object({ id: legacyId }).nullish().transform((ref) => ref ?? null);
