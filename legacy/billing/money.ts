/**
 * Money is integer cents inside the simulators. Amounts come in as decimal strings (or numbers)
 * with at most two decimals and go out as JSON numbers: cents / 100 is the double nearest the
 * decimal, which JSON prints as that decimal (123450 → 1234.5, never 1234.4999…).
 */
const AMOUNT = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/** Cents of a positive amount such as "100.25" or 100.25; null if it is not one. */
export function parseCents(amount: string | number): number | null {
  const text = typeof amount === 'number' ? (Number.isFinite(amount) ? String(amount) : '') : amount.trim();
  const match = AMOUNT.exec(text);
  if (!match?.[1]) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

export function centsToNumber(cents: number): number {
  return cents / 100;
}

export function formatCents(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(Math.abs(cents % 100)).padStart(2, '0')}`;
}
