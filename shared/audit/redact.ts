import { createHash } from 'node:crypto';

export const REDACTED = '[REDACTED]';

/** Keys whose values never reach the audit log, at any depth. */
export const SECRET_KEY = /pass(word|wd|phrase)?|token|secret|authori[sz]ation|cookie|api[-_]?key|credential|private[-_]?key|session|otp/i;

const MAX_DEPTH = 12;
/** NUL, and a surrogate half without its other half. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MAX_STRING = 2000;

/**
 * Text PostgreSQL can store: it refuses NUL characters and lone surrogates (in text and in jsonb),
 * and a caller must not be able to keep their request out of the log by sending one.
 */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}

/** A copy of `value` with the value of every key that looks secret replaced by "[REDACTED]", recursively. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return storableText(value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[TOO DEEP]';
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [storableText(key), SECRET_KEY.test(key) ? REDACTED : redactSecrets(item, depth + 1)]));
}

/** Redacted variables as the audit log stores them: an object, or null. */
export function redactVariables(variables: unknown): Record<string, unknown> | null {
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) return null;
  const redacted = redactSecrets(variables);
  return redacted !== null && typeof redacted === 'object' && !Array.isArray(redacted) ? { ...redacted } : null;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
