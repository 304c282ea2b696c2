import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Config } from '../shared/config.js';
import { normalizeEmail } from '../shared/auth/accounts.js';

export const accountKey = (email: string) => `account:${normalizeEmail(email)}`;
export const addressKey = (address: string) => `address:${address}`;

const lockRow = z.object({ key: z.string(), retry_after: z.coerce.number().int() });

/**
 * Failed sign-ins counted in identity.login_throttle, with the database's clock, so that every
 * gateway replica sees the same counts and locks. A key (`account:<email>`, known or not, or
 * `address:<ip>`) that reaches its maximum within the window is locked for LOGIN_LOCKOUT_SECONDS;
 * the first failure after the window or the lock starts a new count.
 */
export class LoginThrottle {
  constructor(private readonly dataSource: DataSource, private readonly limits: Config['loginThrottle']) {}

  /** The locked keys among these, with the seconds left. */
  async locks(keys: string[]): Promise<Map<string, number>> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT key, ceil(extract(epoch FROM locked_until - now()))::int AS retry_after
         FROM identity.login_throttle WHERE key = ANY($1) AND locked_until > now()`,
      [keys],
    );
    return new Map(rows.map((row) => lockRow.parse(row)).map((row) => [row.key, Math.max(1, row.retry_after)]));
  }

  /** Counts one failure against the key; locks it when this failure reaches `max`. */
  async recordFailure(key: string, max: number): Promise<void> {
    const { windowSeconds, lockoutSeconds } = this.limits;
    // "fresh": the window has passed, or a lock has run out: start counting again.
    await this.dataSource.query(
      `INSERT INTO identity.login_throttle AS t (key, failures, window_started_at, locked_until)
       VALUES ($1, 1, now(), CASE WHEN 1 >= $2 THEN now() + make_interval(secs => $4) END)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at <= now() - make_interval(secs => $3) OR t.locked_until <= now() THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at <= now() - make_interval(secs => $3) OR t.locked_until <= now() THEN now() ELSE t.window_started_at END,
         locked_until = CASE
           WHEN t.locked_until > now() THEN t.locked_until
           WHEN (CASE WHEN t.window_started_at <= now() - make_interval(secs => $3) OR t.locked_until <= now() THEN 1 ELSE t.failures + 1 END) >= $2
             THEN now() + make_interval(secs => $4)
         END`,
      [key, max, windowSeconds, lockoutSeconds],
    );
  }

  async recordAccountFailure(email: string): Promise<void> {
    await this.recordFailure(accountKey(email), this.limits.maxFailuresPerAccount);
  }

  async recordAddressFailure(address: string): Promise<void> {
    await this.recordFailure(addressKey(address), this.limits.maxFailuresPerAddress);
  }

  /** A successful sign-in clears the account's count (not the address's). */
  async reset(email: string): Promise<void> {
    await this.dataSource.query('DELETE FROM identity.login_throttle WHERE key = $1', [accountKey(email)]);
  }
}
