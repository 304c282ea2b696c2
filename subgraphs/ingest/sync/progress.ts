import type { DataSource } from 'typeorm';
import type { ImportProgress } from '../../../shared/observability/progress.js';
import type { LegacyPage } from '../../../shared/legacy-http/index.js';

/** Stored on the resource's cursor row, so every process's syncHealth reads the same figures. */
export async function recordImportProgress(dataSource: DataSource, p: ImportProgress): Promise<void> {
  await dataSource.query(
    `UPDATE sync.cursors SET progress_started_at = $3, progress_finished_at = $4, progress_records_done = $5, progress_pages_done = $6,
            progress_records_total = $7, progress_rate_limit_wait_ms = $8
      WHERE system = $1 AND resource = $2`,
    [p.system, p.resource, p.startedAt, p.finishedAt, p.recordsDone, p.pagesDone, p.recordsTotal, Math.round(p.rateLimitWaitMs)],
  );
}

/** The progress after one more page. */
export function afterPage(p: ImportProgress, page: LegacyPage<unknown>): ImportProgress {
  return {
    ...p,
    recordsDone: p.recordsDone + page.records.length + page.invalid.length,
    pagesDone: p.pagesDone + 1,
    recordsTotal: page.total ?? p.recordsTotal,
    rateLimitWaitMs: p.rateLimitWaitMs + (page.rateLimitWaitMs ?? 0),
  };
}
