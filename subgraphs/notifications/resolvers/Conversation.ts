import type { DataSource } from 'typeorm';
import type { ConversationRow, ConversationTurnRow } from '../entities/index.js';
import type { NotificationsContext } from '../loaders.js';
import { createConversationStore, type ConversationStore } from '../conversations.js';

/** The chatbot's conversations (issue 10), merged into this subgraph's resolvers by server.ts. */
export function conversationResolvers(dataSource: DataSource) {
  // One store per request, keyed by the request's loaders, so its DataLoaders never outlive it.
  const stores = new WeakMap<object, ConversationStore>();
  const store = ({ loaders, principal }: NotificationsContext) => {
    let found = stores.get(loaders);
    if (!found) stores.set(loaders, found = createConversationStore(dataSource, principal));
    return found;
  };
  return {
    Query: {
      conversations: (_: unknown, args: { first?: number | null; after?: string | null }, context: NotificationsContext) => store(context).page(args),
      conversation: (_: unknown, { id }: { id: string }, context: NotificationsContext) => store(context).byId.load(id),
    },
    Mutation: {
      recordChatTurn: (_: unknown, { input }: { input: unknown }, context: NotificationsContext) => store(context).record(input),
    },
    ConversationConnection: {
      nodes: (page: { edges: Array<{ node: ConversationRow }> }) => page.edges.map((edge) => edge.node),
    },
    Conversation: {
      startedAt: (conversation: ConversationRow) => conversation.startedAt.toISOString(),
      matter: (conversation: ConversationRow) => (conversation.matterId ? { id: conversation.matterId } : null),
      turns: (conversation: ConversationRow, _: unknown, context: NotificationsContext) => store(context).turns.load(conversation.id),
    },
    ConversationTurn: {
      at: (turn: ConversationTurnRow) => turn.at.toISOString(),
    },
  };
}
