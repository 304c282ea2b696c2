import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where the sync of one legacy resource stands; one row per (system, resource). */
@Entity({ schema: 'sync', name: 'cursors' })
export class SyncCursorRow {
  /** cms, dms or billing. */
  @PrimaryColumn({ type: 'text' }) system!: string;
  /** The legacy resource, e.g. matters or documents. */
  @PrimaryColumn({ type: 'text' }) resource!: string;
  /** The newest legacy updated_at seen: the next poll asks for changes since it. */
  @Column({ name: 'updated_since', type: 'timestamptz', nullable: true }) updatedSince!: Date | null;
  /** Set when the first full import of this resource finished. */
  @Column({ name: 'imported_at', type: 'timestamptz', nullable: true }) importedAt!: Date | null;
  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true }) lastSuccessAt!: Date | null;
  /** When records deleted in the legacy system were last swept out of the read model. */
  @Column({ name: 'reconciled_at', type: 'timestamptz', nullable: true }) reconciledAt!: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'last_error_at', type: 'timestamptz', nullable: true }) lastErrorAt!: Date | null;
  @Column({ name: 'records_synced', type: 'bigint', default: 0 }) recordsSynced!: string;
  /** The first import's progress (subgraphs/ingest/sync/progress.ts): set while it runs, kept once done. */
  @Column({ name: 'progress_started_at', type: 'timestamptz', nullable: true }) progressStartedAt!: Date | null;
  @Column({ name: 'progress_finished_at', type: 'timestamptz', nullable: true }) progressFinishedAt!: Date | null;
  @Column({ name: 'progress_records_done', type: 'integer', default: 0 }) progressRecordsDone!: number;
  @Column({ name: 'progress_pages_done', type: 'integer', default: 0 }) progressPagesDone!: number;
  /** What the legacy system said the listing holds (null when it does not say). */
  @Column({ name: 'progress_records_total', type: 'integer', nullable: true }) progressRecordsTotal!: number | null;
  @Column({ name: 'progress_rate_limit_wait_ms', type: 'bigint', default: 0 }) progressRateLimitWaitMs!: string;
}
