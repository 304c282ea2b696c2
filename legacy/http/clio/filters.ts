import type { Request } from 'express';
import { badRequest } from '../errors.js';
import { instantParam, intParam, queryParam } from '../query.js';

export type Predicate<T> = (row: T) => boolean;

/** Combines the filters that were given (an absent parameter filters nothing). */
export function allOf<T>(...predicates: Array<Predicate<T> | null>): Predicate<T> {
  const active = predicates.filter((p): p is Predicate<T> => p !== null);
  return (row) => active.every((p) => p(row));
}

/** `?name=<id>` against a numeric reference; Clio's keyword `null` matches rows without one. */
export function idFilter<T>(req: Request, name: string, get: (row: T) => number | null | readonly number[]): Predicate<T> | null {
  if (queryParam(req, name) === 'null') return (row) => get(row) === null;
  const id = intParam(req, name);
  if (id === undefined) return null;
  return (row) => {
    const value = get(row);
    return Array.isArray(value) ? value.includes(id) : value === id;
  };
}

/** `?name=a,b` against one of a set of values, case-insensitively. */
export function oneOfFilter<T>(req: Request, name: string, allowed: readonly string[], get: (row: T) => string): Predicate<T> | null {
  const text = queryParam(req, name);
  if (text === undefined) return null;
  const wanted = text.split(',').map((s) => s.trim().toLowerCase());
  const known = allowed.map((a) => a.toLowerCase());
  const unknown = wanted.filter((w) => !known.includes(w));
  if (unknown.length > 0) throw badRequest(`Invalid ${name} "${unknown.join(',')}": expected one of ${allowed.join(', ')}`);
  return (row) => wanted.includes(get(row).toLowerCase());
}

/** `?query=text`: a case-insensitive substring of any of the given values. */
export function queryFilter<T>(req: Request, get: (row: T) => Array<string | null>): Predicate<T> | null {
  const text = queryParam(req, 'query')?.toLowerCase();
  if (!text) return null;
  return (row) => get(row).some((v) => v !== null && v.toLowerCase().includes(text));
}

/** A time window on an instant field: `fromName` ≤ end (or start), start ≤ `toName`. */
export function windowFilter<T>(req: Request, fromName: string, toName: string, start: (row: T) => string, end: (row: T) => string | null): Predicate<T> | null {
  const from = instantParam(req, fromName);
  const to = instantParam(req, toName);
  if (from === undefined && to === undefined) return null;
  return (row) => {
    const startMs = Date.parse(start(row));
    const endText = end(row);
    const endMs = endText === null ? startMs : Date.parse(endText);
    return (from === undefined || endMs >= from) && (to === undefined || startMs <= to);
  };
}
