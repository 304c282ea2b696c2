import { z } from 'zod';

/** Amounts the read model can hold: numeric(14,2). */
const MAX_ABS = 1e12;

/**
 * A billing amount (a JSON number such as 1234.5, or a decimal string) as an exact decimal string
 * with two decimals, e.g. "1234.50". For a double d that is the nearest double to a decimal x with
 * at most two decimals and |x| < 2^53/100, `d.toFixed(2)` prints exactly x: toFixed rounds the
 * exact binary value, which lies within half an ulp of x, far closer than 0.005. The round trip
 * check refuses amounts with more than two decimals instead of silently rounding them.
 */
export function toDecimalString(amount: number | string): string | null {
  if (typeof amount === 'string') {
    const match = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(amount.trim());
    if (!match) return null;
    return `${match[1] === '-' && /[1-9]/.test(amount) ? '-' : ''}${String(Number(match[2]))}.${(match[3] ?? '').padEnd(2, '0')}`;
  }
  if (!Number.isFinite(amount) || Math.abs(amount) >= MAX_ABS) return null;
  const text = amount.toFixed(2);
  return Number(text) === amount ? text : null;
}

export const amountSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const text = toDecimalString(value);
  if (text === null) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not an amount with at most 2 decimals` });
    return z.NEVER;
  }
  return text;
});
