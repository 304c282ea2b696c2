import type { DataSource } from 'typeorm';
import type { Logger } from '../../shared/logger.js';
import { latestPosition, readEventsAfter, type DomainEvent } from '../../shared/events/index.js';
import type { OutboxDispatcher } from '../../shared/events/dispatcher.js';

export type LiveListener = (event: DomainEvent) => void;

const READ_BATCH = 500;

/**
 * One reader of the outbox per gateway process, fanning each new event out to this process's
 * subscriptions. It starts at the outbox's end (a subscriber gets what happens after it
 * subscribed) and keeps its position in memory: every gateway replica reads the same outbox, so
 * events reach subscribers on any replica. Woken by the process's outbox dispatcher (LISTEN/NOTIFY on
 * PostgreSQL, polling on PGlite).
 */
export class LiveEventHub {
  private readonly listeners = new Set<LiveListener>();
  private stop: (() => Promise<void>) | undefined;

  private constructor(private readonly dataSource: DataSource, private readonly logger: Logger, private position: { txId: string; eventId: string }) {}

  static async start(options: { dataSource: DataSource; dispatcher: OutboxDispatcher; pollMs: number; logger: Logger }): Promise<LiveEventHub> {
    const hub = new LiveEventHub(options.dataSource, options.logger, await latestPosition(options.dataSource));
    hub.stop = options.dispatcher.add({ name: 'live', pollMs: options.pollMs, run: () => hub.readNew() });
    return hub;
  }

  /** Calls `listener` with every new event until the returned function is called. */
  listen(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private async readNew(): Promise<void> {
    if (this.listeners.size === 0) {
      this.position = await latestPosition(this.dataSource);
      return;
    }
    for (;;) {
      const events = await readEventsAfter(this.dataSource, this.position, READ_BATCH);
      for (const event of events) {
        this.position = { txId: event.txId, eventId: event.id };
        for (const listener of this.listeners) {
          try {
            listener(event);
          } catch (error) {
            this.logger.error({ err: error, eventId: event.id }, 'a live subscription failed on an event');
          }
        }
      }
      if (events.length < READ_BATCH) return;
    }
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.stop?.();
  }
}
