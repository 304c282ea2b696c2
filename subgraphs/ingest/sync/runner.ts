import type { DataSource } from 'typeorm';
import type { Logger } from '../../../shared/logger.js';
import { SyncCursorRow } from './SyncCursor.js';
import { SyncFailedError, type SyncDefinition, type SyncOutcome } from './definition.js';
import { quarantineInvalid, resolveSuperseded } from './quarantine.js';
import { afterPage, recordImportProgress } from './progress.js';
import type { ImportProgress, ImportProgressListener } from '../../../shared/observability/progress.js';

export interface SyncContext {
  dataSource: DataSource;
  logger: Logger;
  /** Sweep deletions when the last sweep is older than this (0 = every run). */
  reconcileSeconds: number;
  /**
   * Records changed while a run pages through a resource can carry an updated_at older than the
   * newest one already seen (paging is by id): the cursor stays this far behind the run's start
   * so the next run asks again. Re-fetched records are idempotent upserts. Default 60 s.
   */
  overlapMs?: number;
  now?: () => Date;
  /** The API version each system's adapter sends, recorded with quarantined records. */
  apiVersions?: Partial<Record<string, string>>;
  /** Told of each page of a first import (and its start and end): the worker's progress display. */
  onProgress?: ImportProgressListener;
}

const DEFAULT_OVERLAP_MS = 60_000;

async function loadCursor(dataSource: DataSource, system: string, resource: string): Promise<SyncCursorRow> {
  const repo = dataSource.getRepository(SyncCursorRow);
  await repo.createQueryBuilder().insert().values({ system, resource }).orIgnore().execute();
  return repo.findOneByOrFail({ system, resource });
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}

/**
 * One incremental sync of one resource: changes since the cursor (everything on the first run),
 * one transaction per page, then the cursor, then — when due — the deletion sweep. A failure is
 * recorded on the cursor row; what was stored stays stored and the cursor stays where it was, so
 * the next run fetches the rest again.
 */
export async function syncResource<T>(ctx: SyncContext, def: SyncDefinition<T>): Promise<SyncOutcome> {
  const now = ctx.now ?? (() => new Date());
  const { system, resource } = def;
  const log = ctx.logger.child({ system, resource });
  const repo = ctx.dataSource.getRepository(SyncCursorRow);
  const outcome: SyncOutcome = { system, resource, ok: false, fullImport: false, pages: 0, stored: 0, invalid: 0, deleted: 0, reconciled: false };
  try {
    const cursor = await loadCursor(ctx.dataSource, system, resource);
    const since = cursor.updatedSince ?? undefined;
    outcome.fullImport = since === undefined;
    const startedAt = now();
    let newest: number | undefined;
    // A full import that completes has just listed every id: its own list serves as the deletion sweep's.
    let seenIds: string[] | undefined = outcome.fullImport ? [] : undefined;
    const idOf = (record: T) => (def.legacyId ? def.legacyId(record) : String((record as { id?: unknown }).id));
    // Only a first import reports progress: an incremental run is a page or two.
    let progress: ImportProgress | undefined = outcome.fullImport
      ? { system, resource, recordsDone: 0, pagesDone: 0, recordsTotal: null, rateLimitWaitMs: 0, startedAt, finishedAt: null }
      : undefined;
    const report = async (next: ImportProgress) => {
      await recordImportProgress(ctx.dataSource, next);
      await ctx.onProgress?.(next);
    };
    if (progress) await report(progress);

    for await (const page of def.fetch(since)) {
      outcome.pages += 1;
      for (const bad of page.invalid) log.warn({ legacyId: bad.id, reason: bad.reason }, 'legacy record failed validation; quarantined');
      outcome.invalid += page.invalid.length;
      if (seenIds) {
        // A record without a usable id cannot be kept by id: fall back to the system's own listing.
        if (page.invalid.some((bad) => bad.id === null)) seenIds = undefined;
        else seenIds.push(...page.invalid.map((bad) => bad.id!), ...page.records.map(idOf));
      }
      if (page.invalid.length > 0) {
        await ctx.dataSource.transaction((manager) => quarantineInvalid(manager, { system, resource, apiVersion: ctx.apiVersions?.[system] ?? null }, page.invalid));
      }
      if (page.records.length === 0) {
        if (progress) await report(progress = afterPage(progress, page));
        continue;
      }
      await ctx.dataSource.transaction(async (manager) => {
        await def.upsert(manager, page.records);
        await resolveSuperseded(manager, 'INVALID_SHAPE', system, resource, page.records.map(idOf));
        await manager.query(`UPDATE sync.cursors SET records_synced = records_synced + $3 WHERE system = $1 AND resource = $2`, [system, resource, page.records.length]);
      });
      outcome.stored += page.records.length;
      for (const record of page.records) newest = Math.max(newest ?? 0, def.updatedAt(record).getTime());
      if (progress) await report(progress = afterPage(progress, page));
    }

    // Only now, with every page stored, may the cursor move: never backwards, never past the run's start minus the overlap.
    const finished = now();
    const next = newest === undefined ? undefined : new Date(Math.min(newest, startedAt.getTime() - (ctx.overlapMs ?? DEFAULT_OVERLAP_MS)));
    await ctx.dataSource.query(
      `UPDATE sync.cursors
          SET updated_since = CASE WHEN $3::timestamptz IS NULL THEN updated_since ELSE GREATEST(updated_since, $3::timestamptz) END,
              imported_at = COALESCE(imported_at, $4), last_success_at = $4
        WHERE system = $1 AND resource = $2`,
      [system, resource, next ?? null, finished],
    );
    if (progress) await report({ ...progress, finishedAt: finished });

    const due = def.sweepEachRun === true || cursor.reconciledAt === null || finished.getTime() - cursor.reconciledAt.getTime() >= ctx.reconcileSeconds * 1000;
    if (due) {
      const ids = seenIds ?? await def.listIds();
      outcome.deleted = await ctx.dataSource.transaction(async (manager) => {
        const deleted = await def.removeMissing(manager, ids);
        await manager.query(`UPDATE sync.cursors SET reconciled_at = $3 WHERE system = $1 AND resource = $2`, [system, resource, now()]);
        return deleted;
      });
      outcome.reconciled = true;
    }
    outcome.ok = true;
    log.debug({ ...outcome }, 'synced');
    return outcome;
  } catch (error) {
    outcome.error = errorText(error);
    log.warn({ err: error, stored: outcome.stored }, 'sync of a legacy resource failed; the next run resumes');
    await repo
      .update({ system, resource }, { lastError: outcome.error, lastErrorAt: now() })
      .catch((recordError: unknown) => log.error({ err: recordError }, 'could not record the sync failure'));
    return outcome;
  }
}

/** A definition with its record type sealed in, so definitions of different records fit in one list. */
export interface ResourceSync {
  system: SyncDefinition<unknown>['system'];
  resource: string;
  run(ctx: SyncContext): Promise<SyncOutcome>;
}

export function defineSync<T>(def: SyncDefinition<T>): ResourceSync {
  return { system: def.system, resource: def.resource, run: (ctx) => syncResource(ctx, def) };
}

/**
 * Syncs a system's resources in order. A failed resource does not stop the later ones (a matter
 * brings its own client, for one); the run then throws SyncFailedError naming every failure.
 */
export async function runSync(ctx: SyncContext, resources: readonly ResourceSync[]): Promise<SyncOutcome[]> {
  const outcomes: SyncOutcome[] = [];
  for (const resource of resources) outcomes.push(await resource.run(ctx));
  if (outcomes.some((o) => !o.ok)) throw new SyncFailedError(outcomes);
  return outcomes;
}
