import { badRequest } from '../errors.js';
import type { Json, JsonObject } from './json.js';

/** What a resource can show: plain fields, and nested objects (or arrays of them) with their fields. */
export interface FieldSpec {
  scalars: readonly string[];
  nested: Readonly<Record<string, readonly string[]>>;
}

export type Selection = ReadonlyArray<{ name: string; sub: readonly string[] | null }>;

const DEFAULT: Selection = [
  { name: 'id', sub: null },
  { name: 'etag', sub: null },
];
const NESTED_DEFAULT = ['id', 'etag'];

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '{') depth += 1;
    if (char === '}') depth -= 1;
    if (depth < 0 || depth > 1) throw badRequest(`Invalid fields "${text}": braces are unbalanced or nested more than one level`);
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  if (depth !== 0) throw badRequest(`Invalid fields "${text}": unbalanced braces`);
  parts.push(current.trim());
  return parts.filter((p) => p.length > 0);
}

/**
 * Parses Clio's `fields` parameter: `id,name,client{id,name}`. Without it only `id` and `etag`
 * come back; one level of nesting; an unknown field is a 400.
 */
export function parseFields(text: string | undefined, spec: FieldSpec, defaults: Selection = DEFAULT): Selection {
  if (text === undefined || text.trim() === '') return defaults;
  return splitTopLevel(text).map((part) => parsePart(part, spec));
}

/** Like `parseFields`, but skips the fields `spec` does not (or no longer) know. */
export function parseKnownFields(text: string, spec: FieldSpec): Selection {
  const known = splitTopLevel(text).filter((part) => {
    const name = /^([a-z_]+)/.exec(part)?.[1] ?? '';
    return spec.scalars.includes(name) || spec.nested[name] !== undefined;
  });
  return known.length === 0 ? DEFAULT : known.map((part) => parsePart(part, spec));
}

function parsePart(part: string, spec: FieldSpec): { name: string; sub: readonly string[] | null } {
  const match = /^([a-z_]+)(?:\{([^{}]*)\})?$/.exec(part);
  if (!match?.[1]) throw badRequest(`Invalid field "${part}"`);
  const name = match[1];
  const nestedFields = spec.nested[name];
  if (!spec.scalars.includes(name) && !nestedFields) throw badRequest(`Invalid field: ${name} is not a field of this resource`);
  if (match[2] === undefined) return { name, sub: null };
  if (!nestedFields) throw badRequest(`Invalid field: ${name} is not a nested resource`);
  const sub = match[2].split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  for (const field of sub) {
    if (!nestedFields.includes(field)) throw badRequest(`Invalid field: ${name}{${field}} is not a field of ${name}`);
  }
  return { name, sub };
}

function pick(value: Json, fields: readonly string[]): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => pick(item, fields));
  const out: JsonObject = {};
  for (const field of fields) if (field in value) out[field] = value[field] ?? null;
  return out;
}

/** Shapes a fully rendered record to the selection (nested without braces: its id and etag). */
export function project(full: JsonObject, selection: Selection, spec: FieldSpec): JsonObject {
  const out: JsonObject = {};
  for (const { name, sub } of selection) {
    const value = full[name] ?? null;
    const nestedFields = spec.nested[name];
    if (nestedFields) out[name] = pick(value, sub ?? NESTED_DEFAULT.filter((f) => nestedFields.includes(f)));
    else out[name] = value;
  }
  return out;
}
