import type { RequestHandler } from 'express';
import { bearerToken } from './auth.js';
import { HttpError } from './errors.js';

interface Window {
  startedAt: number;
  used: number;
}

/**
 * Fixed one-minute windows per token, as Clio does: every answer carries
 * X-RateLimit-Limit/Remaining/Reset (Reset in epoch seconds); over the limit is a 429 with
 * Retry-After in seconds.
 */
export function rateLimit(limitPerMinute: number, now: () => number = Date.now): RequestHandler {
  const windows = new Map<string, Window>();
  const windowMs = 60_000;
  return (req, res, next) => {
    const key = bearerToken(req) ?? `ip:${req.socket.remoteAddress ?? 'unknown'}`;
    const time = now();
    let window = windows.get(key);
    if (!window || time - window.startedAt >= windowMs) {
      window = { startedAt: time, used: 0 };
      windows.set(key, window);
    }
    const resetMs = window.startedAt + windowMs;
    res.setHeader('X-RateLimit-Limit', String(limitPerMinute));
    res.setHeader('X-RateLimit-Reset', String(Math.ceil(resetMs / 1000)));
    if (window.used >= limitPerMinute) {
      res.setHeader('X-RateLimit-Remaining', '0');
      const retryAfter = Math.max(1, Math.ceil((resetMs - time) / 1000));
      return next(new HttpError(429, 'RateLimited', `Rate limit of ${limitPerMinute} requests per minute exceeded; retry in ${retryAfter} s`, { 'Retry-After': String(retryAfter) }));
    }
    window.used += 1;
    res.setHeader('X-RateLimit-Remaining', String(limitPerMinute - window.used));
    next();
  };
}
