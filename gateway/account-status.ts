import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '../shared/auth/principal.js';
import { CasebridgeError, ErrorCode } from '../shared/errors.js';

/**
 * How long an account's `disabled` flag is trusted before it is read again: the longest a disabled
 * account keeps working on a replica, and at most one lookup per account and interval.
 */
export const ACCOUNT_STATUS_FRESH_MS = 1_000;
/** Past this many remembered accounts, stale entries are forgotten. */
const MAX_REMEMBERED = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const rowsSchema = z.array(z.object({ id: z.string(), disabled: z.boolean() }));

export const accountDisabled = () =>
  new CasebridgeError(ErrorCode.UNAUTHENTICATED, 'This account is disabled: ask the firm to enable it again, then sign in.');

interface Batch {
  ids: Set<string>;
  read: Promise<Map<string, boolean>>;
}

/**
 * Whether a token's account has been disabled (`identity.accounts.disabled`), read from the
 * database every replica shares, so a disabled account stops working everywhere within
 * ACCOUNT_STATUS_FRESH_MS. The lookups of one tick go out as one query, and an answer is reused
 * for its freshness window, so a busy account costs one query a second whatever its request rate.
 * A token whose subject has no row (the firm IdP's users) is governed by its issuer alone.
 */
export class AccountStatus {
  private readonly known = new Map<string, { disabled: boolean; readAt: number }>();
  private readonly reading = new Map<string, Promise<boolean>>();
  private batch: Batch | undefined;

  constructor(private readonly dataSource: DataSource) {}

  isDisabled(accountId: string): Promise<boolean> {
    const known = this.known.get(accountId);
    if (known && performance.now() - known.readAt < ACCOUNT_STATUS_FRESH_MS) return Promise.resolve(known.disabled);
    let reading = this.reading.get(accountId);
    if (!reading) {
      const batch = this.batch ?? this.startBatch();
      batch.ids.add(accountId);
      reading = batch.read.then((disabled) => disabled.get(accountId) ?? false);
      this.reading.set(accountId, reading);
    }
    return reading;
  }

  /** Throws UNAUTHENTICATED when the principal's account is disabled. */
  async assertEnabled(principal: Principal): Promise<void> {
    if (await this.isDisabled(principal.accountId)) throw accountDisabled();
  }

  private startBatch(): Batch {
    const ids = new Set<string>();
    const read = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.read(ids));
    const batch = { ids, read };
    this.batch = batch;
    return batch;
  }

  private async read(ids: Set<string>): Promise<Map<string, boolean>> {
    this.batch = undefined;
    try {
      const uuids = [...ids].filter((id) => UUID.test(id));
      const rows = uuids.length === 0
        ? []
        : rowsSchema.parse(await this.dataSource.query('SELECT id::text AS id, disabled FROM identity.accounts WHERE id = ANY($1::uuid[])', [uuids]));
      const disabled = new Map(rows.map((row) => [row.id, row.disabled]));
      const readAt = performance.now();
      if (this.known.size > MAX_REMEMBERED) this.forgetStale(readAt);
      for (const id of ids) this.known.set(id, { disabled: disabled.get(id.toLowerCase()) ?? false, readAt });
      return new Map([...ids].map((id) => [id, disabled.get(id.toLowerCase()) ?? false]));
    } finally {
      for (const id of ids) this.reading.delete(id);
    }
  }

  private forgetStale(now: number): void {
    for (const [id, entry] of this.known) if (now - entry.readAt >= ACCOUNT_STATUS_FRESH_MS) this.known.delete(id);
  }
}
