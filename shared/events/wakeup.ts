import pg from 'pg';
import type { Logger } from '../logger.js';
import { OUTBOX_CHANNEL } from './outbox.js';

export interface OutboxWakeup {
  close(): Promise<void>;
}

/**
 * Calls `onEvents` soon after events are recorded: at once on PostgreSQL (LISTEN on the outbox's
 * insert trigger, reconnecting when the connection drops), and every `pollMs` everywhere — the
 * safety net for a lost notification and the only path on PGlite, whose connections do not see
 * each other's NOTIFY. Calls never overlap: a wake-up during a run schedules one more run.
 *
 * A notification can arrive before its events are readable: consumers read only transactions
 * older than every running one (consumer.ts), and a commit's NOTIFY does not wait for the
 * transactions that began before it. So each notification is followed by two more runs, after
 * FOLLOW_UP_MS, instead of leaving those events to the next poll.
 */
const FOLLOW_UP_MS = [100, 1000];

export function wakeOnOutbox(options: {
  databaseUrl: string;
  /** Skip LISTEN (the embedded PGlite). */
  embedded: boolean;
  pollMs: number;
  logger: Logger;
  onEvents: () => Promise<unknown>;
  /** The NOTIFY channel (default: the outbox's). */
  channel?: string;
}): OutboxWakeup {
  const { logger } = options;
  let closed = false;
  let running = false;
  let again = false;
  let client: pg.Client | null = null;
  let reconnect: NodeJS.Timeout | undefined;
  const followUps = new Map<number, NodeJS.Timeout>();

  const run = async (): Promise<void> => {
    if (closed) return;
    if (running) { again = true; return; }
    running = true;
    try {
      do {
        again = false;
        await options.onEvents().catch((error: unknown) => logger.warn({ err: error }, 'handling outbox events failed; retrying on the next wake-up'));
      } while (again && !closed);
    } finally {
      running = false;
    }
  };

  const poll = setInterval(() => void run(), options.pollMs);
  poll.unref();

  const listen = async (): Promise<void> => {
    if (closed || options.embedded) return;
    const next = new pg.Client({ connectionString: options.databaseUrl });
    next.on('error', (error) => logger.warn({ err: error }, 'outbox LISTEN connection failed; reconnecting'));
    next.on('end', () => {
      if (closed) return;
      client = null;
      reconnect = setTimeout(() => void listen(), 1000);
      reconnect.unref();
    });
    next.on('notification', () => {
      void run();
      for (const delay of FOLLOW_UP_MS) {
        if (followUps.has(delay)) continue;
        const timer = setTimeout(() => {
          followUps.delete(delay);
          void run();
        }, delay);
        timer.unref();
        followUps.set(delay, timer);
      }
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${options.channel ?? OUTBOX_CHANNEL}`);
      client = next;
      void run();
    } catch (error) {
      logger.warn({ err: error }, 'could not LISTEN for outbox events; polling only until it works');
      await next.end().catch(() => undefined);
    }
  };
  void listen();
  void run();

  return {
    async close() {
      closed = true;
      clearInterval(poll);
      clearTimeout(reconnect);
      for (const timer of followUps.values()) clearTimeout(timer);
      await client?.end().catch(() => undefined);
      while (running) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}
