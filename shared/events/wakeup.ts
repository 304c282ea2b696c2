import type { Logger } from '../logger.js';
import { startOutboxDispatcher } from './dispatcher.js';

export interface OutboxWakeup {
  close(): Promise<void>;
}

/**
 * A dispatcher with a single consumer, for a process that has only one (the gateway's live
 * stream): `onEvents` runs soon after events are recorded, never overlapping. Processes with
 * several consumers share one dispatcher (dispatcher.ts) and so one LISTEN connection.
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
  const dispatcher = startOutboxDispatcher(options);
  dispatcher.add({ name: 'outbox', channel: options.channel, pollMs: options.pollMs, run: options.onEvents });
  return { close: () => dispatcher.close() };
}
