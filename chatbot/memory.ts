import type { Language } from './language.js';

/** What a conversation remembers between turns. */
export interface ConversationState {
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

export const freshState = (language: Language): ConversationState => ({
  language, matterId: null, pending: null, failures: 0, legalAdvice: 0, offeredHandoff: false,
});

/**
 * An in-process cache of conversation state, keyed by the caller's account and the conversation
 * id, so another login can never resume someone else's conversation. On a miss (another replica,
 * a restart) chat.ts rebuilds it from the conversation stored in the graph.
 */
export class ConversationMemory {
  private readonly states = new Map<string, ConversationState>();

  constructor(private readonly capacity = 10_000) {}

  get(accountId: string, conversationId: string): ConversationState | undefined {
    const key = `${accountId}:${conversationId}`;
    const state = this.states.get(key);
    if (state) {
      // Map keeps insertion order: re-inserting makes this the most recently used.
      this.states.delete(key);
      this.states.set(key, state);
    }
    return state;
  }

  set(accountId: string, conversationId: string, state: ConversationState): void {
    this.states.delete(`${accountId}:${conversationId}`);
    this.states.set(`${accountId}:${conversationId}`, state);
    while (this.states.size > this.capacity) {
      const oldest = this.states.keys().next().value;
      if (oldest === undefined) break;
      this.states.delete(oldest);
    }
  }
}
