import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Config } from '../shared/config.js';
import { normalizeEmail } from '../shared/auth/accounts.js';

export const accountKey = (email: string) => `account:${normalizeEmail(email)}`;
export const addressKey = (address: string) => `address:${address}`;
/** One email from one address: what locks after LOGIN_MAX_FAILURES_PER_ACCOUNT failures. */
export const accountFromAddressKey = (email: string, address: string) => `${accountKey(email)}|${addressKey(address)}`;

/** The wait before answering an address that already failed on this email: doubles per failure, at most this. */
const MAX_DELAY_MS = 2000;

const attemptRow = z.object({ failures: z.coerce.number().int(), retry_after: z.coerce.number().int() });

/**
 * Sign-in attempts counted in identity.login_throttle, with the database's clock, so that every
 * gateway replica sees the same counts and locks. A key (`account:<email>|address:<ip>`,
 * `account:<email>`, known or not, or `address:<ip>`) that reaches its maximum within the window is
 * locked for LOGIN_LOCKOUT_SECONDS.
 *
 * An email is locked per address, not for everyone: failures from one address must not let its
 * owner (or anyone who knows the email) keep the account's owner out. Across addresses the email
 * has a much higher ceiling (LOGIN_MAX_FAILURES_PER_ACCOUNT_TOTAL) that stops addresses which
 * already failed on it, never one that has not; and each address that keeps failing waits longer.
 */
export class LoginThrottle {
  constructor(private readonly dataSource: DataSource, private readonly limits: Config['loginThrottle']) {}

  /**
   * Counts a sign-in attempt against the key before its password is checked, in one atomic
   * statement: a burst of concurrent attempts cannot all slip past the count. The attempt may go
   * ahead only while the count stays within `max`; the attempt that reaches `max` locks the key for
   * LOGIN_LOCKOUT_SECONDS (a success then clears or refunds it: `reset`, `refund`). The first
   * attempt after the window or the lock starts a new count.
   */
  async attempt(key: string, max: number): Promise<{ allowed: boolean; failures: number; retryAfterSeconds: number }> {
    const { windowSeconds, lockoutSeconds } = this.limits;
    const fresh = 't.window_started_at <= now() - make_interval(secs => $3) OR t.locked_until <= now()';
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO identity.login_throttle AS t (key, failures, window_started_at, locked_until)
       VALUES ($1, 1, now(), CASE WHEN 1 >= $2 THEN now() + make_interval(secs => $4) END)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN ${fresh} THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN ${fresh} THEN now() ELSE t.window_started_at END,
         locked_until = CASE
           WHEN t.locked_until > now() THEN t.locked_until
           WHEN (CASE WHEN ${fresh} THEN 1 ELSE t.failures + 1 END) >= $2 THEN now() + make_interval(secs => $4)
         END
       RETURNING failures, coalesce(ceil(extract(epoch FROM locked_until - now())), 0)::int AS retry_after`,
      [key, max, windowSeconds, lockoutSeconds],
    );
    const row = attemptRow.parse(rows[0]);
    return { allowed: row.failures <= max, failures: row.failures, retryAfterSeconds: Math.max(1, row.retry_after) };
  }

  /**
   * Counts an attempt on `email` from `address`: allowed while this address is within its
   * LOGIN_MAX_FAILURES_PER_ACCOUNT for the email, and — once the email has reached its ceiling
   * from all addresses — only if this address has not failed on it. `delayMs`: how long to wait
   * before answering (0 for an address that has not failed on the email).
   */
  async attemptAccount(email: string, address: string): Promise<{ allowed: boolean; delayMs: number }> {
    const fromHere = await this.attempt(accountFromAddressKey(email, address), this.limits.maxFailuresPerAccount);
    const overall = await this.attempt(accountKey(email), this.limits.maxFailuresPerAccountTotal);
    const failedHere = fromHere.failures - 1;
    return {
      allowed: fromHere.allowed && (overall.allowed || failedHere === 0),
      delayMs: failedHere === 0 ? 0 : Math.min(MAX_DELAY_MS, 50 * 2 ** Math.min(failedHere, 6)),
    };
  }

  async attemptAddress(address: string) {
    return this.attempt(addressKey(address), this.limits.maxFailuresPerAddress);
  }

  /** Takes one attempt back from `key` (and any lock it set). */
  private async refund(key: string, max: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE identity.login_throttle SET failures = greatest(failures - 1, 0),
         locked_until = CASE WHEN failures - 1 < $2 THEN NULL ELSE locked_until END
       WHERE key = $1`,
      [key, max],
    );
  }

  /** A successful sign-in does not count against its address: take its attempt back (and any lock it set). */
  async refundAddress(address: string): Promise<void> {
    await this.refund(addressKey(address), this.limits.maxFailuresPerAddress);
  }

  /**
   * A successful sign-in clears the email's count from its address, and takes its own attempt back
   * from the email's overall count: the failures of other addresses still stand.
   */
  async reset(email: string, address: string): Promise<void> {
    await this.dataSource.query('DELETE FROM identity.login_throttle WHERE key = $1', [accountFromAddressKey(email, address)]);
    await this.refund(accountKey(email), this.limits.maxFailuresPerAccountTotal);
  }
}
