import { z } from 'zod';
import { LegacyRequestError, validateRecords, type LegacyHttpClient, type LegacyPage } from '../../../shared/legacy-http/index.js';
import type { WebhookModel } from './model.js';

/** What the legacy system holds for a record a delivery named: the record (validated), or nothing any more. */
export type RecordRead = { state: 'present'; page: LegacyPage<unknown> } | { state: 'gone' };

const envelope = z.object({ data: z.unknown() });

/** One record's URL: Clio serves `api/v4/matters/7.json` beside the listing `api/v4/matters.json`. */
export const recordPath = (listingPath: string, id: string) => listingPath.replace(/\.json$/, `/${encodeURIComponent(id)}.json`);

/**
 * Reads a record from the legacy system, as Clio recommends on a webhook: the delivery says that
 * something changed, the system says what it is now. A 404 (or 410 for the record) means deleted.
 */
export async function readRecord(http: LegacyHttpClient, spec: WebhookModel, id: string): Promise<RecordRead> {
  try {
    const body = await http.request('GET', recordPath(spec.path, id), envelope, { query: { fields: spec.fields } });
    return { state: 'present', page: validateRecords([body.data], spec.schema) };
  } catch (error) {
    if (error instanceof LegacyRequestError && error.status === 404) return { state: 'gone' };
    throw error;
  }
}
