/** JSON with every object's keys sorted: two answers equal up to key order print the same. */
export function canonicalJson(text: string): string {
  const sort = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sort);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sort((value as Record<string, unknown>)[key])]));
    }
    return value;
  };
  return JSON.stringify(sort(JSON.parse(text)), null, 1);
}

export type Sameness = 'identical bytes' | 'same after key-order canonicalisation';

/**
 * Whether `actual` is `expected` byte for byte, or equal once keys are sorted; anything else throws
 * with the first differing lines of the two canonical forms.
 */
export function sameAnswer(label: string, expected: string, actual: string): Sameness {
  if (expected === actual) return 'identical bytes';
  const a = canonicalJson(expected).split('\n');
  const b = canonicalJson(actual).split('\n');
  if (a.join('\n') === b.join('\n')) return 'same after key-order canonicalisation';
  const first = a.findIndex((line, i) => line !== b[i]);
  const at = first === -1 ? a.length : first;
  const context = (lines: string[]) => lines.slice(Math.max(0, at - 3), at + 4).join('\n');
  throw new Error(`${label}: the answers differ (canonical JSON, from line ${at + 1}):\n--- ours\n${context(a)}\n+++ theirs\n${context(b)}`);
}
