import type { RequestHandler } from 'express';
import { TokenBuckets } from '../shared/token-buckets.js';

/** A per-address token bucket for a route outside /graphql: 429 with Retry-After past `perMinute`. */
export function addressThrottle(route: string, perMinute: number, setting: string): RequestHandler {
  const buckets = new TokenBuckets();
  return (req, res, next) => {
    const retryAfter = buckets.take(`${route}:${req.ip ?? 'unknown'}`, perMinute);
    if (retryAfter === 0) {
      next();
      return;
    }
    res.status(429).set('retry-after', String(retryAfter)).json({ error: `Too many requests from your address (${setting} is ${perMinute}); retry in ${retryAfter} s.` });
  };
}
