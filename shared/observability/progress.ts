/**
 * Where the first import of one legacy resource stands: what the worker's progress display shows
 * and what `syncHealth` reports per resource (docs/operations.md, "First-import progress").
 */
export interface ImportProgress {
  system: string;
  resource: string;
  /** Records read so far, valid and quarantined alike. */
  recordsDone: number;
  pagesDone: number;
  /** What the legacy system says the whole listing holds (null when it does not say). */
  recordsTotal: number | null;
  /** Time spent waiting for the system's rate limit so far, in ms. */
  rateLimitWaitMs: number;
  startedAt: Date;
  /** Set when the import of this resource completed. */
  finishedAt: Date | null;
}

/**
 * Seconds left at the rate so far (records per second since the start): 0 once finished, null
 * while nothing is known (no total from the system, or nothing read yet).
 */
export function estimatedSecondsLeft(progress: ImportProgress, now: Date = new Date()): number | null {
  if (progress.finishedAt) return 0;
  if (progress.recordsTotal === null || progress.recordsDone === 0) return null;
  const elapsed = Math.max(1, now.getTime() - progress.startedAt.getTime()) / 1000;
  const left = Math.max(0, progress.recordsTotal - progress.recordsDone);
  return Math.ceil(left / (progress.recordsDone / elapsed));
}

/** Receives every change of a resource's first-import progress (the worker's display; a test's probe). */
export type ImportProgressListener = (progress: ImportProgress) => void | Promise<void>;
