import { createHash } from 'node:crypto';

export const REDACTED = '[REDACTED]';

/** Keys whose values never reach the audit log, at any depth. */
export const SECRET_KEY = /pass(word|wd|phrase)?|token|secret|authori[sz]ation|cookie|api[-_]?key|credential|private[-_]?key|session|otp/i;

const MAX_DEPTH = 12;
/** NUL, and a surrogate half without its other half. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** A string value longer than this is stored as its first characters and a truncation mark. */
export const MAX_AUDIT_STRING = 512;
const KEPT_PREFIX = 120;
const MAX_KEY = 200;
/**
 * What one entry's variables may take, as JSON: whatever a caller sends (up to the 1 MB body
 * limit, signed in or not), the row stays this small. Values past the budget become one mark.
 */
export const MAX_AUDIT_VARIABLES_BYTES = 8 * 1024;

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** What replaces text that was cut: its size in bytes and the sha256 of the whole, to match against a copy. */
export function truncationMark(text: string): string {
  return `[TRUNCATED ${Buffer.byteLength(text)} bytes sha256:${sha256Hex(text)}]`;
}

/**
 * Text PostgreSQL can store: it refuses NUL characters and lone surrogates (in text and in jsonb),
 * and a caller must not be able to keep their request out of the log by sending one.
 */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}

const boundedString = (value: string) =>
  storableText(value.length > MAX_AUDIT_STRING ? `${value.slice(0, KEPT_PREFIX)}… ${truncationMark(value)}` : value);

/** A copy of `value` with the value of every key that looks secret replaced by "[REDACTED]", recursively, and each string bounded. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return boundedString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[TOO DEEP]';
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [boundedString(key.slice(0, MAX_KEY)), SECRET_KEY.test(key) ? REDACTED : redactSecrets(item, depth + 1)]));
}

const sizeOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? 'null');

/**
 * `value` within `budget` bytes of JSON: an object or array keeps its members in order while they
 * fit, and what did not fit becomes one truncation mark (under the key "…", or as the last item)
 * holding the sha256 of the cut members' JSON as redacted.
 */
function withinBudget(value: unknown, budget: number): unknown {
  if (sizeOf(value) <= budget) return value;
  if (value === null || typeof value !== 'object') return truncationMark(JSON.stringify(value) ?? 'null');
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, i) => [String(i), item]) : Object.entries(value);
  // Room for the mark itself (~100 bytes), the brackets and separators.
  let left = budget - 120;
  const kept: Array<[string, unknown]> = [];
  let cut = 0;
  for (const [key, item] of entries) {
    const overhead = Buffer.byteLength(JSON.stringify(key)) + 2;
    const fitted = left - overhead > 160 ? withinBudget(item, left - overhead) : undefined;
    if (fitted === undefined) break;
    kept.push([key, fitted]);
    left -= overhead + sizeOf(fitted);
    cut += 1;
  }
  const rest = entries.slice(cut);
  const mark = rest.length > 0 ? truncationMark(JSON.stringify(Array.isArray(value) ? rest.map(([, item]) => item) : Object.fromEntries(rest))) : undefined;
  if (Array.isArray(value)) return [...kept.map(([, item]) => item), ...(mark === undefined ? [] : [mark])];
  return Object.fromEntries(mark === undefined ? kept : [...kept, ['…', mark]]);
}

/**
 * Variables as the audit log stores them (`AuditEntry.variables`): an object or null, secrets
 * redacted, each string over MAX_AUDIT_STRING characters cut to its start plus
 * `[TRUNCATED <bytes> bytes sha256:<hex>]`, and the whole within MAX_AUDIT_VARIABLES_BYTES.
 */
export function redactVariables(variables: unknown): Record<string, unknown> | null {
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) return null;
  const bounded = withinBudget(redactSecrets(variables), MAX_AUDIT_VARIABLES_BYTES);
  return bounded !== null && typeof bounded === 'object' && !Array.isArray(bounded) ? { ...bounded } : null;
}
