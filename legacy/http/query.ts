import type { Request } from 'express';
import { badRequest } from './errors.js';

/** The first value of a query parameter, if given. */
export function queryParam(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

export function intParam(req: Request, name: string): number | undefined {
  const text = queryParam(req, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw badRequest(`Invalid ${name} "${text}": expected a positive integer`);
  return Number(text);
}

/** An ISO 8601 timestamp parameter, as epoch milliseconds. */
export function instantParam(req: Request, name: string): number | undefined {
  const text = queryParam(req, name);
  if (text === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw badRequest(`Invalid ${name} "${text}": expected an ISO 8601 timestamp`);
  return ms;
}

/** The request's absolute URL with some query parameters replaced (others kept in order). */
export function absoluteUrl(req: Request, replace: Record<string, string>): string {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
  for (const [key, value] of Object.entries(replace)) url.searchParams.set(key, value);
  return url.toString();
}
