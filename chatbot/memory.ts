import type { Language } from './language.js';

/** What a conversation remembers between turns. */
export interface ConversationState {
  /** The login whose conversation it is: nobody else's message ever reads it. */
  accountId: string;
  language: Language;
  /** The matter it settled on. */
  matterId: string | null;
  /** A "which matter?" question waiting for its answer. */
  pending: { intent: string; offered: string[] } | null;
  /** Messages in a row the classifier did not understand. */
  failures: number;
  /** Legal-advice questions so far: insisting gets a person. */
  legalAdvice: number;
  /** The last answer offered a person. */
  offeredHandoff: boolean;
}

export const freshState = (accountId: string, language: Language): ConversationState => ({
  accountId, language, matterId: null, pending: null, failures: 0, legalAdvice: 0, offeredHandoff: false,
});

/**
 * An in-process cache of conversation state by conversation id; chat.ts uses an entry only for
 * the login it belongs to. On a miss (another replica, a restart) chat.ts rebuilds it from the
 * conversation stored in the graph.
 */
export class ConversationMemory {
  private readonly states = new Map<string, ConversationState>();

  constructor(private readonly capacity = 10_000) {}

  get(conversationId: string): ConversationState | undefined {
    const state = this.states.get(conversationId);
    if (state) {
      // Map keeps insertion order: re-inserting makes this the most recently used.
      this.states.delete(conversationId);
      this.states.set(conversationId, state);
    }
    return state;
  }

  set(conversationId: string, state: ConversationState): void {
    this.states.delete(conversationId);
    this.states.set(conversationId, state);
    while (this.states.size > this.capacity) {
      const oldest = this.states.keys().next().value;
      if (oldest === undefined) break;
      this.states.delete(oldest);
    }
  }
}
