import type { ExecutionResult } from 'graphql';
import type WebSocket from 'ws';
import type { DomainEvent } from '../../shared/events/index.js';
import type { Logger } from '../../shared/logger.js';
import type { LiveEventHub } from './hub.js';
import { BoundedQueue } from './queue.js';
import type { PreparedSubscription } from './subscriptions.js';

/** Events one subscription may have waiting before its client counts as too slow. */
const MAX_PENDING_EVENTS = 100;
/** Bytes the socket may have unsent before its client counts as too slow. */
const MAX_BUFFERED_BYTES = 1_000_000;
/** WebSocket close code 1013, "try again later". */
const TOO_SLOW = 1013;

/**
 * The results of one subscription, as the async iterator graphql-ws sends from. A plain iterator
 * rather than an async generator so that `return()` (the client completed, or the socket closed)
 * releases the hub listener at once, even while waiting for the next event.
 */
export class LiveStream implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: BoundedQueue<DomainEvent>;

  /** `onClose`: called once when the stream ends, however it ends (e.g. to free its place in a limit). */
  constructor(hub: LiveEventHub, private readonly prepared: PreparedSubscription, private readonly socket: WebSocket, private readonly logger: Logger, onClose: () => void = () => {}) {
    const tooSlow = () => socket.close(TOO_SLOW, 'Too slow: events piled up unread; reconnect and subscribe again.');
    let stop = () => {};
    this.queue = new BoundedQueue<DomainEvent>(MAX_PENDING_EVENTS, tooSlow, () => {
      stop();
      onClose();
    });
    stop = hub.listen((event) => {
      if (prepared.accepts(event)) this.queue.push(event);
    });
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    for (;;) {
      const item = await this.queue.next();
      if (item.done) return { value: undefined, done: true };
      if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        this.socket.close(TOO_SLOW, 'Too slow: the connection is not reading; reconnect and subscribe again.');
        await this.queue.return();
        return { value: undefined, done: true };
      }
      const result = await this.prepared.payload(item.value).catch((error: unknown) => {
        this.logger.warn({ err: error, eventId: item.value.id }, 'could not resolve a live event for a subscriber; skipped');
        return null;
      });
      if (result) return { value: result, done: false };
    }
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.queue.return();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
