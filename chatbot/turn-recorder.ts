import type { Logger } from '../shared/logger.js';
import { GatewayRefusal, OperationError, type GraphClient } from './graph.js';
import type { Operations } from './operations/index.js';

type TurnInput = Operations['RecordChatTurn']['variables']['input'];

export interface TurnRecorderOptions {
  graph: Pick<GraphClient, 'run'>;
  logger: Logger;
  /** Waits before each retry of a turn the gateway could not take; its length is the number of retries. */
  retryDelaysMs?: readonly number[];
  /** Turns that may wait to be stored at once; beyond them an answer waits for its own turn. */
  maxWaiting?: number;
}

// Refusals worth another try: the gateway or a subgraph was away or busy. A 401 (the token
// expired meanwhile) or a BAD_USER_INPUT would be refused again.
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
const TRANSIENT_CODES = new Set(['LEGACY_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);
const isTransient = (error: unknown) =>
  (error instanceof GatewayRefusal && TRANSIENT_STATUSES.has(error.status))
  || (error instanceof OperationError && error.codes.some((code) => TRANSIENT_CODES.has(code)));

/**
 * Stores each exchange (RecordChatTurn, with the caller's own token) after the answer has been
 * sent, so the client never waits for the write. The turns of one conversation are stored one
 * after another in the order they were answered; a turn the gateway could not take is retried,
 * and one that still fails is logged. Whoever reads a conversation back waits for `settled`.
 * When the gateway falls behind, at most `maxWaiting` turns wait: the answers after them wait for
 * their own turn to be stored, as if written first, so the backlog (and what a crash could lose)
 * stays bounded and the writes slow the chat down instead of piling up on the gateway.
 */
export class TurnRecorder {
  /** The last write queued for each conversation with writes in flight. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly retryDelaysMs: readonly number[];
  private readonly maxWaiting: number;
  private waiting = 0;

  constructor(private readonly options: TurnRecorderOptions) {
    this.retryDelaysMs = options.retryDelaysMs ?? [250, 1000, 4000];
    this.maxWaiting = options.maxWaiting ?? 32;
  }

  /**
   * Queues the turn behind the conversation's earlier ones. Resolves at once, or, with
   * `maxWaiting` turns already waiting, once this one is stored (or given up on); never rejects.
   */
  async record(token: string | null, input: TurnInput): Promise<void> {
    const conversationId = String(input.conversationId);
    const full = this.waiting >= this.maxWaiting;
    this.waiting += 1;
    const queued = (this.queues.get(conversationId) ?? Promise.resolve()).then(() => this.store(token, input));
    this.queues.set(conversationId, queued);
    const done = queued.then(() => {
      this.waiting -= 1;
      if (this.queues.get(conversationId) === queued) this.queues.delete(conversationId);
    });
    if (full) await done;
  }

  /** Resolves once every turn of the conversation queued so far is stored (or given up on). */
  async settled(conversationId: string): Promise<void> {
    await this.queues.get(conversationId);
  }

  /** Resolves once every queued turn is stored (or given up on): call before the gateway goes away. */
  async drain(): Promise<void> {
    while (this.queues.size > 0) await Promise.all(this.queues.values());
  }

  private async store(token: string | null, input: TurnInput): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.options.graph.run('RecordChatTurn', token, { input });
        return;
      } catch (error) {
        const delay = this.retryDelaysMs[attempt];
        if (delay === undefined || !isTransient(error)) {
          // The answer stands; the missing record is logged for the firm to see.
          this.options.logger.error({ err: error, conversationId: input.conversationId, intent: input.intent, attempts: attempt + 1 }, 'could not store a chat turn');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
