/** Waits `ms`, or rejects at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function intHeader(headers: Headers, name: string): number | undefined {
  const text = headers.get(name)?.trim();
  return text && /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * Client-side pacing from the server's own accounting: when X-RateLimit-Remaining reaches 0 we
 * hold every request until X-RateLimit-Reset (epoch seconds), and a 429's Retry-After holds them
 * for that long. Cheaper than being told no: each 429 still costs a request of the window.
 */
export class RateLimitPacer {
  private blockedUntil = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** How long the next request must wait, in ms (0 = go). */
  delay(): number {
    return Math.max(0, this.blockedUntil - this.now());
  }

  observe(headers: Headers): void {
    const remaining = intHeader(headers, 'x-ratelimit-remaining');
    const reset = intHeader(headers, 'x-ratelimit-reset');
    // Reset is whole seconds: wait until just past it so the new window has really begun.
    if (remaining === 0 && reset !== undefined) this.holdUntil(reset * 1000 + 50);
  }

  /** Retry-After in seconds (the HTTP-date form is accepted too); returns the wait in ms, if any. */
  observeRetryAfter(headers: Headers): number | undefined {
    const text = headers.get('retry-after')?.trim();
    if (!text) return undefined;
    const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - this.now();
    if (Number.isNaN(ms)) return undefined;
    const wait = Math.max(0, ms);
    this.holdUntil(this.now() + wait);
    return wait;
  }

  private holdUntil(epochMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, epochMs);
  }
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/**
 * The proactive half of pacing: a token bucket sized to the system's request budget, so we
 * spread requests over the window instead of spending it in a burst and then being told no.
 * `reserve()` takes a token now and says how long to wait for it (tokens may go negative, so
 * concurrent callers queue up in order).
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private readonly perMs: number;

  constructor(
    requestsPerMinute: number,
    private readonly burst: number = Math.max(1, Math.floor(requestsPerMinute / 6)),
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = requestsPerMinute / 60_000;
    this.tokens = burst;
    this.updatedAt = now();
  }

  reserve(): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.updatedAt) * this.perMs);
    this.updatedAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil(-this.tokens / this.perMs);
  }
}
