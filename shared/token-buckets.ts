interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets in this process's memory: each key may spend `perMinute` operations at once and
 * gets them back at `perMinute / 60` a second. Per replica: N gateways allow N times the rate.
 * Idle (full) buckets are swept once a minute, so memory follows the active callers.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.lastSweep = now();
  }

  /** Takes `cost` tokens; returns 0 when allowed, else the seconds until they will be there. */
  take(key: string, perMinute: number, cost = 1): number {
    const now = this.now();
    if (now - this.lastSweep > 60_000) this.sweep(now);
    const ratePerMs = perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, updatedAt: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.updatedAt) * ratePerMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - bucket.tokens) / ratePerMs / 1000));
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    // A bucket untouched for a minute has refilled completely: forgetting it changes nothing.
    for (const [key, bucket] of this.buckets) if (now - bucket.updatedAt >= 60_000) this.buckets.delete(key);
  }
}
