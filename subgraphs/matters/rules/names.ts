/**
 * People's names compared the way a paralegal would: case, spacing, punctuation and accents do
 * not matter ("Jane  Doe." is "jane doe"), and "Doe, Jane" is Jane Doe.
 */
const normalized = new Map<string, string>();

export function normalizePersonName(name: string): string {
  const known = normalized.get(name);
  if (known !== undefined) return known;
  const result = normalize(name);
  if (normalized.size >= 10_000) normalized.clear();
  normalized.set(name, result);
  return result;
}

function normalize(name: string): string {
  const [last, first, ...rest] = name.split(',');
  const ordered = first !== undefined && rest.length === 0 && first.trim() !== '' ? `${first} ${last}` : name;
  return ordered
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const left = normalizePersonName(a);
  return left !== '' && left === normalizePersonName(b);
}

const DEPOSITION_PREFIX = /^(?:deposition|depo)\.?\s*(?:of|[-–:])/i;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * The deponent of a calendar entry titled "Deposition of <name>" (any case, spacing or dash), else
 * null. Linear in the title's length: only the anchored prefix is a regular expression, the name is
 * what is left once trimmed (a lazy `(.+?)\s*$` took quadratic time on long runs of spaces).
 */
export function deponentOfTitle(title: string): string | null {
  const trimmed = title.trim();
  const prefix = DEPOSITION_PREFIX.exec(trimmed);
  if (!prefix) return null;
  let name = trimmed.slice(prefix[0].length).trimStart();
  if (/^of\s/i.test(name)) name = name.slice(2).trimStart();
  return name !== '' && !LINE_BREAK.test(name) ? name : null;
}

/** "Jane Doe", "Jane Doe and Marcus Lee", "Jane Doe, Marcus Lee and Priya Shah". */
export function listNames(names: readonly string[], and = 'and'): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;
}
