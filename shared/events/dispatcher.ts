import pg from 'pg';
import type { Logger } from '../logger.js';
import { OUTBOX_CHANNEL } from './outbox.js';

/** One thing a process does when events are recorded (or a channel of ours is notified). */
export interface OutboxConsumer {
  /** For the log. */
  name: string;
  /** The NOTIFY channel that wakes it (default: the outbox's). */
  channel?: string;
  /** How often it runs besides wake-ups: the safety net for a lost notification, the only path on PGlite. */
  pollMs: number;
  run(): Promise<unknown>;
}

export interface OutboxDispatcher {
  /** Starts running a consumer (its first run at once); returns a function that stops it. */
  add(consumer: OutboxConsumer): () => Promise<void>;
  close(): Promise<void>;
}

/**
 * A notification can arrive before its events are readable: consumers read only transactions
 * older than every running one (consumer.ts), and a commit's NOTIFY does not wait for the
 * transactions that began before it. So each notification is followed by two more runs, after
 * FOLLOW_UP_MS, instead of leaving those events to the next poll.
 */
const FOLLOW_UP_MS = [100, 1000];

interface Runner {
  consumer: OutboxConsumer;
  wake(): void;
  stop(): Promise<void>;
}

/** Runs one consumer: calls never overlap, a wake-up during a run asks for one more run. */
function runnerOf(consumer: OutboxConsumer, logger: Logger): Runner {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const followUps = new Map<number, NodeJS.Timeout>();
  const run = (): void => {
    if (stopped) return;
    if (running) { again = true; return; }
    running = (async () => {
      try {
        do {
          again = false;
          await consumer.run().catch((error: unknown) => logger.warn({ err: error, consumer: consumer.name }, 'handling outbox events failed; retrying on the next wake-up'));
        } while (again && !stopped);
      } finally {
        running = null;
      }
    })();
  };
  const poll = setInterval(run, consumer.pollMs);
  poll.unref();
  return {
    consumer,
    wake() {
      run();
      for (const delay of FOLLOW_UP_MS) {
        if (followUps.has(delay)) continue;
        const timer = setTimeout(() => {
          followUps.delete(delay);
          run();
        }, delay);
        timer.unref();
        followUps.set(delay, timer);
      }
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      for (const timer of followUps.values()) clearTimeout(timer);
      await running;
    },
  };
}

/**
 * One per process: one LISTEN connection (reconnecting when it drops) wakes every outbox consumer
 * of the process — on PostgreSQL at once, everywhere on each consumer's poll; on PGlite, whose
 * connections do not see each other's NOTIFY, only by polling. See docs/architecture.md.
 */
export function startOutboxDispatcher(options: { databaseUrl: string; embedded: boolean; logger: Logger }): OutboxDispatcher {
  const { logger } = options;
  const runners = new Set<Runner>();
  let closed = false;
  let client: pg.Client | null = null;
  let reconnect: NodeJS.Timeout | undefined;
  const listening = new Set<string>();

  const listenTo = async (channel: string): Promise<void> => {
    if (!client || listening.has(channel)) return;
    listening.add(channel);
    await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`).catch((error: unknown) => {
      listening.delete(channel);
      logger.warn({ err: error, channel }, 'could not LISTEN; polling covers it until the connection is renewed');
    });
  };

  const connect = async (): Promise<void> => {
    if (closed || options.embedded) return;
    const next = new pg.Client({ connectionString: options.databaseUrl });
    next.on('error', (error) => logger.warn({ err: error }, 'outbox LISTEN connection failed; reconnecting'));
    next.on('end', () => {
      if (closed) return;
      client = null;
      listening.clear();
      reconnect = setTimeout(() => void connect(), 1000);
      reconnect.unref();
    });
    next.on('notification', (message) => {
      for (const runner of runners) if ((runner.consumer.channel ?? OUTBOX_CHANNEL) === message.channel) runner.wake();
    });
    try {
      await next.connect();
      if (closed) {
        await next.end();
        return;
      }
      client = next;
      for (const runner of runners) await listenTo(runner.consumer.channel ?? OUTBOX_CHANNEL);
      // What was notified while no connection listened is read now.
      for (const runner of runners) runner.wake();
    } catch (error) {
      logger.warn({ err: error }, 'could not LISTEN for outbox events; polling only until it works');
      client = null;
      await next.end().catch(() => undefined);
    }
  };
  void connect();

  return {
    add(consumer) {
      const runner = runnerOf(consumer, logger);
      runners.add(runner);
      void listenTo(consumer.channel ?? OUTBOX_CHANNEL);
      runner.wake();
      return async () => {
        runners.delete(runner);
        await runner.stop();
      };
    },
    async close() {
      closed = true;
      clearTimeout(reconnect);
      await Promise.all([...runners].map((runner) => runner.stop()));
      runners.clear();
      await client?.end().catch(() => undefined);
    },
  };
}
