import type { EntityManager } from 'typeorm';
import type { LegacyPage, LegacySystemName } from '../../../shared/legacy-http/index.js';

/**
 * How one legacy resource feeds the read model; the owning context writes it, the runner drives
 * it. `upsert` and `removeMissing` run inside the runner's transaction and touch only the
 * owning context's tables.
 */
export interface SyncDefinition<T> {
  system: LegacySystemName;
  resource: string;
  /** Pages of validated records changed since `updatedSince` (everything without it), to the end. */
  fetch(updatedSince: Date | undefined): AsyncIterable<LegacyPage<T>>;
  /** The record's legacy id (its open quarantine items are resolved once a valid version is stored); default: its `id`. */
  legacyId?(record: T): string;
  /** The record's legacy updated_at: the cursor advances to the newest one stored. */
  updatedAt(record: T): Date;
  /** Writes one page; must be idempotent and leave rows whose stored legacy version is newer. */
  upsert(manager: EntityManager, records: readonly T[]): Promise<void>;
  /** Every legacy id that still exists; must throw unless the listing completed. */
  listIds(): Promise<string[]>;
  /** Deletes read-model rows whose legacy ids are not in `ids`; returns how many went. */
  removeMissing(manager: EntityManager, ids: readonly string[]): Promise<number>;
  /**
   * Records clients see (hearings, deadlines, documents, invoices): look for deletions on every
   * run rather than every reconcile period, so a cancelled hearing leaves the client's matter
   * within one interval. Costs one id listing (a few requests) per run.
   */
  sweepEachRun?: boolean;
}

/** What one run of one resource did. */
export interface SyncOutcome {
  system: LegacySystemName;
  resource: string;
  ok: boolean;
  fullImport: boolean;
  pages: number;
  stored: number;
  invalid: number;
  deleted: number;
  reconciled: boolean;
  error?: string;
}

export class SyncFailedError extends Error {
  override name = 'SyncFailedError';
  constructor(readonly outcomes: readonly SyncOutcome[]) {
    const failed = outcomes.filter((o) => !o.ok);
    super(`Sync failed for ${failed.map((o) => `${o.system}/${o.resource} (${o.error ?? 'unknown error'})`).join('; ')}`);
  }
}
