import type { RequestHandler } from 'express';
import { HttpError } from '../errors.js';

export const CLIO_API_VERSION = '4.0.9';

/** Clio minor versions: a 4.0.x request is served and echoed; others are retired (410). */
export function apiVersion(): RequestHandler {
  return (req, res, next) => {
    const requested = req.get('x-api-version')?.trim();
    if (requested === undefined || requested === '') {
      res.setHeader('X-API-VERSION', CLIO_API_VERSION);
      return next();
    }
    if (!/^\d+\.\d+\.\d+$/.test(requested)) return next(new HttpError(400, 'BadRequestError', `Invalid X-API-VERSION "${requested}": expected a version such as ${CLIO_API_VERSION}`));
    if (!requested.startsWith('4.0.')) return next(new HttpError(410, 'GoneError', `API version ${requested} is not supported; use 4.0.x (latest ${CLIO_API_VERSION})`));
    res.setHeader('X-API-VERSION', requested);
    next();
  };
}
