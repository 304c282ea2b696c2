/**
 * A counting semaphore that never queues: stamping holds a whole PDF in memory (pdf-lib), so a
 * gateway prepares at most `max` copies at once and tells anyone beyond them to come back later
 * (503 with Retry-After) rather than letting waiting requests pile up memory or time.
 */
export interface Slots {
  /** A release function, or null when every slot is taken. */
  tryAcquire(): (() => void) | null;
  readonly inUse: number;
}

export function createSlots(max: number): Slots {
  let inUse = 0;
  return {
    tryAcquire() {
      if (inUse >= max) return null;
      inUse += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inUse -= 1;
      };
    },
    get inUse() {
      return inUse;
    },
  };
}
