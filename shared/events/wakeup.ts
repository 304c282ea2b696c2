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
 */
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
    next.on('notification', () => void run());
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
      await client?.end().catch(() => undefined);
      while (running) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}
