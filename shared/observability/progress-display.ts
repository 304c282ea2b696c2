import cliProgress from 'cli-progress';
import type { Logger } from '../logger.js';
import { estimatedSecondsLeft, type ImportProgress, type ImportProgressListener } from './progress.js';

/** In a log, one line per resource at most this often (besides its start and its end). */
const LOG_EVERY_MS = 5000;

export interface ImportProgressDisplay {
  listener: ImportProgressListener;
  /** The first import is over (or the process stops): the bars are drawn one last time and released. */
  stop(): void;
}

const seconds = (value: number | null) => (value === null ? '?' : value >= 120 ? `${Math.round(value / 60)} min` : `${value} s`);

/** What a log line and a bar's payload say about a resource. */
function figures(p: ImportProgress) {
  return {
    system: p.system, resource: p.resource, recordsDone: p.recordsDone, recordsTotal: p.recordsTotal, pagesDone: p.pagesDone,
    estimatedSecondsLeft: estimatedSecondsLeft(p), rateLimitWaitMs: Math.round(p.rateLimitWaitMs), done: p.finishedAt !== null,
  };
}

/**
 * How `npm start` and the worker show the first import as it runs, per system and resource:
 * records and pages done, what remains by the legacy system's own count, the rate-limit wait. In a
 * terminal, a cli-progress bar per resource (on stderr, beside the log); elsewhere log lines, one
 * per resource every few seconds.
 */
export function importProgressDisplay(options: { logger: Logger; terminal: boolean; logEveryMs?: number }): ImportProgressDisplay {
  return options.terminal ? barsDisplay() : logDisplay(options.logger, options.logEveryMs ?? LOG_EVERY_MS);
}

function logDisplay(logger: Logger, everyMs: number): ImportProgressDisplay {
  const lastLogged = new Map<string, number>();
  return {
    listener(p) {
      const key = `${p.system}/${p.resource}`;
      const now = Date.now();
      const first = !lastLogged.has(key);
      if (!first && p.finishedAt === null && now - (lastLogged.get(key) ?? 0) < everyMs) return;
      lastLogged.set(key, now);
      logger.info(figures(p), p.finishedAt ? 'first import of a resource done' : first ? 'first import of a resource started' : 'first import progress');
    },
    stop() {
      lastLogged.clear();
    },
  };
}

function barsDisplay(): ImportProgressDisplay {
  const bars = new cliProgress.MultiBar({
    stream: process.stderr,
    format: '{key} [{bar}] {value}/{totalText} records | {pages} pages | {left} left | rate-limit wait {wait}',
    hideCursor: true,
    clearOnComplete: false,
    stopOnComplete: false,
    barsize: 24,
  }, cliProgress.Presets.shades_classic);
  const byKey = new Map<string, cliProgress.SingleBar>();
  let stopped = false;
  return {
    listener(p) {
      if (stopped) return;
      const f = figures(p);
      const key = `${p.system}/${p.resource}`.padEnd(24);
      // Without a count from the system the bar can only say what was read.
      const total = Math.max(f.recordsTotal ?? f.recordsDone, f.recordsDone, 1);
      const payload = { key, totalText: f.recordsTotal ?? '?', pages: f.pagesDone, left: f.done ? 'nothing' : seconds(f.estimatedSecondsLeft), wait: seconds(Math.round(f.rateLimitWaitMs / 1000)) };
      const bar = byKey.get(key);
      if (!bar) {
        byKey.set(key, bars.create(total, f.recordsDone, payload));
        return;
      }
      bar.setTotal(total);
      bar.update(f.recordsDone, payload);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bars.stop();
    },
  };
}
