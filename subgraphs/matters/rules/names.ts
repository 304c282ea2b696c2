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

/** The deponent of a calendar entry titled "Deposition of <name>" (any case, spacing or dash), else null. */
export function deponentOfTitle(title: string): string | null {
  const match = /^\s*(?:deposition|depo)\.?\s*(?:of|[-–:])\s*(.+?)\s*$/i.exec(title);
  const name = match?.[1]?.replace(/^of\s+/i, '').trim();
  return name ? name : null;
}

/** "Jane Doe", "Jane Doe and Marcus Lee", "Jane Doe, Marcus Lee and Priya Shah". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
