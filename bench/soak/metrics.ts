/**
 * The soak's per-minute figures and its verdict: heap after a full GC, RSS, request latency
 * percentiles, open file descriptors and PostgreSQL connections, sampled once a minute, and at
 * the end one PASS/FAIL line per criterion.
 */
import { readdirSync } from 'node:fs';

export interface MinuteSample {
  minute: number;
  heapMb: number;
  rssMb: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  fds: number;
  pgConnections: number;
  liveEvents: number;
  edits: number;
}

export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const median = (values: number[]) => percentile(values, 0.5);
const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

/** Heap used after a full collection (needs --expose-gc; without it, the heap as it stands). */
export function heapAfterGc(): { heapMb: number; rssMb: number; collected: boolean } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const usage = process.memoryUsage();
  return { heapMb: mb(usage.heapUsed), rssMb: mb(usage.rss), collected: Boolean(gc) };
}

/** Open file descriptors of this process (sockets included); NaN where /proc is missing. */
export function openFileDescriptors(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return Number.NaN;
  }
}

/** Request durations (ms) and failures since the last `drain`. */
export class LatencyWindow {
  private durations: number[] = [];
  private failures = 0;
  private total = 0;
  private totalFailures = 0;

  record(ms: number, ok: boolean): void {
    this.durations.push(ms);
    this.total++;
    if (!ok) {
      this.failures++;
      this.totalFailures++;
    }
  }

  drain(): { p50: number; p99: number; requests: number; errors: number } {
    const window = { p50: percentile(this.durations, 0.5), p99: percentile(this.durations, 0.99), requests: this.durations.length, errors: this.failures };
    this.durations = [];
    this.failures = 0;
    return window;
  }

  get totals(): { requests: number; errors: number } {
    return { requests: this.total, errors: this.totalFailures };
  }
}

export const HEADER = 'minute  heap-after-GC   RSS      p50    p99   requests errors   fds  pg-conns  live-events  edits';

export function formatSample(s: MinuteSample): string {
  const col = (value: number | string, width: number) => String(value).padStart(width);
  return `${col(s.minute, 6)}  ${col(s.heapMb.toFixed(1), 9)} MB ${col(s.rssMb.toFixed(0), 5)} MB ${col(s.p50, 5)} ${col(s.p99, 6)} ${col(s.requests, 10)} ${col(s.errors, 6)} ${col(s.fds, 5)} ${col(s.pgConnections, 9)} ${col(s.liveEvents, 12)} ${col(s.edits, 6)}`;
}

export interface Verdict {
  criterion: string;
  pass: boolean;
  detail: string;
}

/** The minute whose figures the end is held to: the 5th, or the middle of a shorter run. */
export function referenceMinute(minutes: number): number {
  return Math.min(5, Math.max(1, Math.floor(minutes / 2)));
}

/**
 * Heap after GC at the end within 10 % of the reference minute's; the p99 of the last minutes (their
 * median, to ride out one noisy minute on a shared machine) at most 1.5 × the p99 up to the reference
 * plus 10 ms; file descriptors and PostgreSQL connections at the end no more than at the reference
 * plus a small slack (a pool may open one more under a burst); no failed request.
 */
export function judge(samples: MinuteSample[]): Verdict[] {
  const ref = referenceMinute(samples.length);
  const at = samples[ref - 1]!;
  const last = samples[samples.length - 1]!;
  const tail = samples.slice(Math.max(ref, samples.length - 5));
  const tailOrLast = tail.length > 0 ? tail : [last];
  const early = samples.slice(0, ref);

  const heapLimit = at.heapMb * 1.1;
  const p99Before = median(early.map((s) => s.p99));
  const p99After = median(tailOrLast.map((s) => s.p99));
  const fdSlack = Math.max(5, Math.round(at.fds * 0.1));
  const fdEnd = Math.max(...samples.slice(-3).map((s) => s.fds));
  const connEnd = Math.max(...samples.slice(-3).map((s) => s.pgConnections));
  const errors = samples.reduce((sum, s) => sum + s.errors, 0);
  return [
    { criterion: `heap after GC within 10% of minute ${ref}`, pass: last.heapMb <= heapLimit, detail: `${at.heapMb} MB at minute ${ref}, ${last.heapMb} MB at the end (limit ${heapLimit.toFixed(1)} MB)` },
    { criterion: 'p99 steady', pass: p99After <= p99Before * 1.5 + 10, detail: `median p99 ${p99Before} ms up to minute ${ref}, ${p99After} ms over minutes ${tailOrLast[0]!.minute}–${last.minute} (limit ${(p99Before * 1.5 + 10).toFixed(0)} ms)` },
    { criterion: 'no file-descriptor growth', pass: fdEnd <= at.fds + fdSlack, detail: `${at.fds} at minute ${ref}, at most ${fdEnd} over the last 3 minutes (slack ${fdSlack})` },
    { criterion: 'no PostgreSQL connection growth', pass: connEnd <= at.pgConnections + 2, detail: `${at.pgConnections} at minute ${ref}, at most ${connEnd} over the last 3 minutes (slack 2)` },
    { criterion: 'no failed request', pass: errors === 0, detail: `${errors} failed of ${samples.reduce((sum, s) => sum + s.requests, 0)}` },
  ];
}
