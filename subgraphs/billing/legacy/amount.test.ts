import { amountSchema, toDecimalString } from './amount.js';

describe('billing amounts', () => {
  it('turns JSON numbers into exact two-decimal strings', () => {
    expect(toDecimalString(1234.5)).toBe('1234.50');
    expect(toDecimalString(0.3)).toBe('0.30');
    expect(toDecimalString(12.34)).toBe('12.34');
    expect(toDecimalString(0)).toBe('0.00');
    expect(toDecimalString(99_999_999_999.99)).toBe('99999999999.99');
    expect(toDecimalString(-15.1)).toBe('-15.10');
  });

  it('accepts decimal strings', () => {
    expect(toDecimalString('100.25')).toBe('100.25');
    expect(toDecimalString('007.5')).toBe('7.50');
  });

  it('refuses amounts it cannot keep exactly', () => {
    expect(toDecimalString(1.005)).toBeNull();
    // A float sum is not a two-decimal amount: refused rather than rounded.
    expect(toDecimalString(0.1 + 0.2)).toBeNull();
    expect(toDecimalString(Number.NaN)).toBeNull();
    expect(toDecimalString(1e15)).toBeNull();
    expect(toDecimalString('12.345')).toBeNull();
    expect(amountSchema.safeParse(0.001).success).toBe(false);
  });
});
