import { z } from 'zod';
import { LegacyHttpClient, LegacyResponseError, instant, legacyId, validateRecords, type LegacyHttpClientOptions, type LegacyPage } from '../../../shared/legacy-http/index.js';

export const dmsDocumentSchema = z.object({
  id: legacyId,
  name: z.string().min(1),
  matterNumber: z.string().trim().min(1),
  docType: z.string().nullish().transform((value) => value ?? null),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).nullish().transform((a) => a ?? {}),
  tags: z.array(z.string()).nullish().transform((tags) => tags ?? []),
  version: z.number().int().positive().nullish().transform((v) => v ?? 1),
  created: instant,
  modified: instant,
});

export type DmsDocumentRecord = z.output<typeof dmsDocumentSchema>;

/** `total`: how many documents the whole listing holds (iManage's `total_count`-style count), when the DMS says. */
const envelope = z.object({ data: z.array(z.unknown()), cursor: z.string().nullish(), total: z.number().int().nonnegative().nullish() });

const PAGE_SIZE = 1000;

/** The DMS adapter: document profiles (never bytes), paged with the DMS's opaque cursor. */
export class DmsClient {
  readonly http: LegacyHttpClient;

  constructor(options: Omit<LegacyHttpClientOptions, 'system'>, private readonly pageSize = PAGE_SIZE) {
    this.http = new LegacyHttpClient({ ...options, system: 'dms' });
  }

  /** Pages of the documents modified since `updatedSince` (all without it), to the end. */
  async *list(resource: 'documents', options: { updatedSince?: Date } = {}): AsyncGenerator<LegacyPage<DmsDocumentRecord>> {
    void resource;
    let cursor: string | undefined;
    const seen = new Set<string>();
    do {
      const waitedBefore = this.http.stats.rateLimitWaitMs;
      const body: z.infer<typeof envelope> = await this.http.getJson('v1/documents', envelope, {
        modifiedSince: options.updatedSince?.toISOString(),
        limit: this.pageSize,
        cursor,
      });
      const total = body.total ?? undefined;
      yield { ...validateRecords(body.data, dmsDocumentSchema), ...(total === undefined ? {} : { total }), rateLimitWaitMs: this.http.stats.rateLimitWaitMs - waitedBefore };
      cursor = body.cursor ?? undefined;
      if (cursor !== undefined && seen.has(cursor)) throw new LegacyResponseError('dms', 'v1/documents', 'the cursor loops back to a page already read');
      if (cursor !== undefined) seen.add(cursor);
    } while (cursor !== undefined);
  }

  /** The DMS has no id-only listing: the full listing's ids. Throws unless it completed. */
  async listIds(resource: 'documents'): Promise<string[]> {
    const ids: string[] = [];
    for await (const page of this.list(resource)) {
      ids.push(...page.records.map((d) => d.id));
      // An invalid record still exists in the DMS: its id must not count as deleted.
      for (const bad of page.invalid) {
        if (bad.id === null) throw new LegacyResponseError('dms', 'v1/documents', 'a document without a usable id in the listing');
        ids.push(bad.id);
      }
    }
    return ids;
  }
}
