import { CloseCode } from 'graphql-ws';
import { decodeJwt } from 'jose';
import type { WebSocket } from 'ws';
import type { Logger } from '../../shared/logger.js';
import { ACCOUNT_STATUS_FRESH_MS, type AccountStatus } from '../account-status.js';

/**
 * Close code of a connection over LIVE_MAX_CONNECTIONS_PER_ACCOUNT or _PER_ADDRESS. graphql-ws
 * clients treat 4429 as final and do not retry, which is what a cap needs.
 */
export const TOO_MANY_CONNECTIONS = 4429;
export const TOKEN_EXPIRED = 'Forbidden: your token has expired; sign in again and reconnect.';
export const ACCOUNT_DISABLED = 'Forbidden: this account is disabled.';
/** setTimeout's longest delay; a later expiry re-arms the timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Counted places per key (an account, an address, a connection), taken before anything is awaited. */
export class Slots {
  private readonly held = new Map<string, number>();

  constructor(readonly max: number) {}

  /** One of `key`'s places, as a function that gives it back (once); null when all are taken. */
  take(key: string): (() => void) | null {
    const held = this.held.get(key) ?? 0;
    if (held >= this.max) return null;
    this.held.set(key, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(key) ?? 1) - 1;
      if (left <= 0) this.held.delete(key);
      else this.held.set(key, left);
    };
  }
}

/** When the (already verified) bearer token expires, in ms since the epoch; undefined if it does not say. */
export function tokenExpiresAt(authorization: string): number | undefined {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  if (!token) return undefined;
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

interface Tracked {
  accountId: string;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Keeps every live connection within its token's life: closed with 4403 when the token expires
 * (a timer per connection), and within ACCOUNT_STATUS_FRESH_MS of its account being disabled on
 * any replica (one batched lookup for every connected account per interval).
 */
export class ConnectionGuard {
  private readonly connections = new Map<WebSocket, Tracked>();
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly accounts: AccountStatus, private readonly logger: Logger) {
    this.sweep = setInterval(() => void this.closeDisabled(), ACCOUNT_STATUS_FRESH_MS).unref();
  }

  track(socket: WebSocket, accountId: string, expiresAt: number | undefined): void {
    const tracked: Tracked = { accountId, timer: undefined };
    this.connections.set(socket, tracked);
    socket.once('close', () => {
      clearTimeout(tracked.timer);
      this.connections.delete(socket);
    });
    if (expiresAt !== undefined) this.expireAt(socket, tracked, expiresAt);
  }

  private expireAt(socket: WebSocket, tracked: Tracked, at: number): void {
    tracked.timer = setTimeout(() => {
      // Timers may fire a little early, and long ones are capped: re-arm until the token is past its time.
      if (Date.now() >= at) socket.close(CloseCode.Forbidden, TOKEN_EXPIRED);
      else if (this.connections.has(socket)) this.expireAt(socket, tracked, at);
    }, Math.min(Math.max(at - Date.now(), 0), MAX_TIMER_MS));
    tracked.timer.unref();
  }

  private async closeDisabled(): Promise<void> {
    if (this.connections.size === 0) return;
    const accountIds = new Set([...this.connections.values()].map((c) => c.accountId));
    try {
      const disabled = new Set<string>();
      await Promise.all([...accountIds].map(async (id) => {
        if (await this.accounts.isDisabled(id)) disabled.add(id);
      }));
      for (const [socket, { accountId }] of this.connections) if (disabled.has(accountId)) socket.close(CloseCode.Forbidden, ACCOUNT_DISABLED);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not check whether live connections\' accounts are disabled; checking again shortly');
    }
  }

  close(): void {
    clearInterval(this.sweep);
    for (const { timer } of this.connections.values()) clearTimeout(timer);
    this.connections.clear();
  }
}

/** Runs at most `limit` tasks at once; the rest wait in arrival order. */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      // A waiting task inherits this one's place, so `running` never exceeds the limit.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
