import type { Request, RequestHandler } from 'express';
import type { Config } from '../shared/config.js';
import type { Principal } from '../shared/auth/principal.js';
import { RateLimitedError } from './errors.js';
import { operationsOf } from './operation-limits.js';

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

export interface RateLimiter {
  /**
   * Express middleware for the GraphQL endpoint, before the body is read: one operation of the
   * address's RATE_LIMIT_ADDRESS_PER_MINUTE, so that a caller over it gets 429 before we parse
   * (or audit) up to a megabyte of their JSON.
   */
  beforeBody: RequestHandler;
  /** Express middleware after the body is parsed: the rest of a batch's operations, by client address. */
  byAddress: RequestHandler;
  /** Throws RATE_LIMITED (429 + Retry-After) once the principal is over their role's rate. */
  checkPrincipal(principal: Principal, operations: number): void;
}

export function createRateLimiter(limits: Config['rateLimits']): RateLimiter {
  const buckets = new TokenBuckets();
  const chargedBeforeBody = new WeakSet<Request>();
  const byAddress = (cost: (req: Request) => number): RequestHandler => (req, res, next) => {
    const operations = cost(req);
    const retryAfter = operations > 0 ? buckets.take(`address:${req.ip ?? 'unknown'}`, limits.address, operations) : 0;
    if (retryAfter === 0) {
      next();
      return;
    }
    const error = new RateLimitedError(`Too many requests from your address (RATE_LIMIT_ADDRESS_PER_MINUTE is ${limits.address}); retry in ${retryAfter} s.`, retryAfter);
    res.status(429).set('retry-after', String(retryAfter)).json({
      errors: [{ message: error.message, extensions: { code: error.extensions['code'], retryAfterSeconds: retryAfter } }],
    });
  };
  return {
    beforeBody: byAddress((req) => {
      chargedBeforeBody.add(req);
      return 1;
    }),
    byAddress: byAddress((req) => (req.method === 'POST' ? operationsOf(req.body).length : 1) - (chargedBeforeBody.has(req) ? 1 : 0)),
    checkPrincipal(principal, operations) {
      const perMinute = limits[principal.role];
      const retryAfter = buckets.take(`principal:${principal.accountId}`, perMinute, operations);
      if (retryAfter > 0) {
        throw new RateLimitedError(`Too many operations (RATE_LIMIT_${principal.role}_PER_MINUTE is ${perMinute}); retry in ${retryAfter} s.`, retryAfter);
      }
    },
  };
}
