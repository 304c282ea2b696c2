/** One piece of work that never overlaps itself in this process. */
export interface Serialized {
  /** Runs the work now, or once more after the run in progress (resolving when that one ends). */
  run(): Promise<void>;
  /** Resolves when no run is in progress. */
  idle(): Promise<void>;
}

/**
 * Wraps `work` so that calls never overlap: a call during a run asks for exactly one more run
 * after it, however many calls arrive meanwhile (a wake-up is a "something changed", not a queue).
 */
export function serialized(work: () => Promise<unknown>): Serialized {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await work();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  return { run, idle: async () => { await running?.catch(() => undefined); } };
}
