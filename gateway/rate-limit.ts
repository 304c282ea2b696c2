import type { Request, RequestHandler } from 'express';
import type { Config } from '../shared/config.js';
import type { Principal } from '../shared/auth/principal.js';
import { RateLimitedError } from './errors.js';
import { operationsOf } from './operation-limits.js';
import { TokenBuckets } from '../shared/token-buckets.js';
import { gatewayRateLimited } from '../shared/observability/metrics.js';

/** Where principals' buckets live: PostgreSQL (SharedTokenBuckets) for replicas, or this process's memory. */
export interface PrincipalBuckets {
  /** Takes `cost` tokens; 0 when allowed, else the seconds until they will be there. */
  take(key: string, perMinute: number, cost: number): number | Promise<number>;
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
  /**
   * Throws RATE_LIMITED (429 + Retry-After) once the principal is over their role's rate, counted
   * in the database so that every gateway replica spends from the same bucket.
   */
  checkPrincipal(principal: Principal, operations: number): Promise<void>;
}

/**
 * Address limits stay in each replica's memory (they guard its own parsing); principal limits are
 * shared through the database when replicas can exist (an embedded database has one process, so
 * the gateway passes in-memory buckets there: a database round trip per operation for nothing).
 */
export function createRateLimiter(limits: Config['rateLimits'], shared: PrincipalBuckets): RateLimiter {
  const buckets = new TokenBuckets();
  const chargedBeforeBody = new WeakSet<Request>();
  const byAddress = (cost: (req: Request) => number): RequestHandler => (req, res, next) => {
    const operations = cost(req);
    const retryAfter = operations > 0 ? buckets.take(`address:${req.ip ?? 'unknown'}`, limits.address, operations) : 0;
    if (retryAfter === 0) {
      next();
      return;
    }
    gatewayRateLimited.inc({ limit: 'address' });
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
    async checkPrincipal(principal, operations) {
      const perMinute = limits[principal.role];
      const retryAfter = await shared.take(`principal:${principal.accountId}`, perMinute, operations);
      if (retryAfter > 0) {
        gatewayRateLimited.inc({ limit: 'principal' });
        throw new RateLimitedError(`Too many operations (RATE_LIMIT_${principal.role}_PER_MINUTE is ${perMinute}); retry in ${retryAfter} s.`, retryAfter);
      }
    },
  };
}
