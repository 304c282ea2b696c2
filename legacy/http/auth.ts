import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { HttpError } from './errors.js';

export function bearerToken(req: Request): string | null {
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Every legacy API wants `Authorization: Bearer <token>`; anything else is a 401. */
export function requireBearer(token: string, accept?: (given: string) => boolean): RequestHandler {
  return (req, _res, next) => {
    const given = bearerToken(req);
    if (given !== null && (same(given, token) || accept?.(given) === true)) return next();
    next(
      new HttpError(401, 'UnauthorizedError', given === null ? 'Missing bearer token in the Authorization header' : 'Invalid access token', {
        'WWW-Authenticate': 'Bearer realm="casebridge-sim"',
      }),
    );
  };
}
