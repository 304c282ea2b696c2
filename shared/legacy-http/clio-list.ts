import { z } from 'zod';
import type { LegacyHttpClient } from './client.js';
import { LegacyResponseError } from './errors.js';
import { legacyId, validateRecords, type LegacyPage } from './records.js';

/** Clio's list envelope: `{"data": [...], "meta": {"paging": {"next": url?}, "records": n}}`. */
const envelope = z.object({
  data: z.array(z.unknown()),
  meta: z.object({ paging: z.object({ next: z.string().nullish() }).partial().nullish(), records: z.number().int().nonnegative().nullish() }).partial().nullish(),
});

export interface ClioListOptions {
  /** Clio's `fields` selection; without it Clio sends only id and etag. */
  fields: string;
  updatedSince?: Date;
  /** 1..200. */
  limit: number;
}

/**
 * Every page of a Clio-style list (the CMS and billing), following `meta.paging.next` to the end,
 * each record validated on its own.
 */
export async function* clioPages<T>(http: LegacyHttpClient, path: string, options: ClioListOptions, schema: z.ZodType<T>): AsyncGenerator<LegacyPage<T>> {
  let next: string | undefined = http.url(path, {
    fields: options.fields,
    limit: options.limit,
    order: 'id(asc)',
    updated_since: options.updatedSince?.toISOString(),
  }).toString();
  const seen = new Set<string>();
  while (next !== undefined) {
    if (seen.has(next)) throw new LegacyResponseError(http.system, next, 'paging loops back to a page already read');
    seen.add(next);
    const waitedBefore = http.stats.rateLimitWaitMs;
    const body: z.infer<typeof envelope> = await http.getJson(next, envelope);
    const total = body.meta?.records ?? undefined;
    yield { ...validateRecords(body.data, schema), ...(total === undefined ? {} : { total }), rateLimitWaitMs: http.stats.rateLimitWaitMs - waitedBefore };
    next = body.meta?.paging?.next ?? undefined;
  }
}

const idOnly = z.object({ id: legacyId });

/**
 * Every id of a Clio-style resource (`fields=id`), for deletion sweeps. Throws unless the listing
 * completed: a partial list must never be taken for "the rest was deleted".
 */
export async function clioIds(http: LegacyHttpClient, path: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of clioPages(http, path, { fields: 'id', limit }, idOnly)) {
    if (page.invalid.length > 0) throw new LegacyResponseError(http.system, path, `${page.invalid.length} record(s) without a usable id in the id listing`);
    ids.push(...page.records.map((r) => r.id));
  }
  return ids;
}
