import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '../../shared/auth/principal.js';
import { CasebridgeError, ErrorCode } from '../../shared/errors.js';
import { loaderOfMany, loaderOfOne } from '../../shared/graphql/loaders.js';
import { ConversationRow, ConversationTurnRow } from './entities/index.js';
import { decodeCursor, encodeCursor, pageSize } from './paging.js';

export interface ConversationPage {
  edges: Array<{ cursor: string; node: ConversationRow }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

// fieldOnly: through the gateway, an error with an HTTP status would become a failed fetch (INTERNAL_SERVER_ERROR).
const refuse = (message: string) => new CasebridgeError(ErrorCode.BAD_USER_INPUT, message, { argumentName: 'input' }, { fieldOnly: true });

const turnInput = z.object({
  conversationId: z.uuid({ message: '"conversationId" must be a UUID.' }),
  language: z.enum(['en', 'es'], { message: '"language" must be en or es.' }),
  matterId: z.string().min(1).max(100).nullish(),
  message: z.string().min(1, '"message" must not be empty.').max(2000, '"message" is at most 2,000 characters.'),
  answer: z.string().max(10_000, '"answer" is at most 10,000 characters.'),
  intent: z.string().min(1).max(100),
  refused: z.boolean(),
});

const RECORD_TURN = `
  WITH conversation AS (
    INSERT INTO notifications.conversations (id, account_id, client_id, language, matter_id)
    VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (id) DO UPDATE SET language = EXCLUDED.language, matter_id = COALESCE(EXCLUDED.matter_id, conversations.matter_id)
      WHERE conversations.account_id = EXCLUDED.account_id
    RETURNING id, account_id, client_id, language, matter_id, started_at
  ), added AS (
    INSERT INTO notifications.conversation_turns (conversation_id, role, text, intent, refused)
    SELECT conversation.id, said.role, said.text, $8, $9 FROM conversation
      CROSS JOIN (VALUES (1, 'CLIENT', $6::text), (2, 'BOT', $7::text)) AS said(position, role, text)
    ORDER BY said.position
  )
  SELECT * FROM conversation`;

/**
 * One request's view of the chatbot's conversations: a client reads their own, staff and admins
 * all of them; only the login that started a conversation adds to it.
 */
export function createConversationStore(dataSource: DataSource, principal: Principal) {
  const readable = () => {
    const query = dataSource.getRepository(ConversationRow).createQueryBuilder('c');
    return principal.role === 'CLIENT' ? query.where('c.clientId = :clientId', { clientId: principal.clientId ?? '' }) : query.where('true');
  };
  const byId: DataLoader<string, ConversationRow | null> = loaderOfOne(async (ids) => {
    const wellFormed = ids.filter((id) => z.uuid().safeParse(id).success);
    return wellFormed.length ? readable().andWhere('c.id = ANY(:ids)', { ids: wellFormed }).getMany() : [];
  }, (c) => c.id);
  const turns = loaderOfMany(
    (ids) => dataSource.getRepository(ConversationTurnRow).createQueryBuilder('t')
      .where('t.conversationId = ANY(:ids)', { ids }).orderBy('t.id').getMany(),
    (t) => t.conversationId,
  );

  return {
    byId,
    turns,
    async page(args: { first?: number | null; after?: string | null }): Promise<ConversationPage> {
      const size = pageSize(args.first);
      const after = args.after ? decodeCursor(args.after) : null;
      const query = readable().addSelect('c.started_at::text', 'started_at_exact');
      if (after) query.andWhere('(c.started_at, c.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', { afterAt: after.createdAt, afterId: after.id });
      const { raw, entities } = await query.orderBy('c.startedAt', 'DESC').addOrderBy('c.id', 'DESC').limit(size + 1)
        .getRawAndEntities<{ c_id: string; started_at_exact: string }>();
      const exact = new Map(raw.map((row) => [row.c_id, row.started_at_exact]));
      const edges = entities.slice(0, size).map((node) => ({ cursor: encodeCursor({ createdAt: exact.get(node.id) ?? '', id: node.id }), node }));
      return { edges, pageInfo: { hasNextPage: entities.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
    },

    /** Starts the conversation on its first exchange; refuses anyone else's, as if it did not exist. */
    async record(input: unknown): Promise<ConversationRow> {
      const parsed = turnInput.safeParse(input);
      if (!parsed.success) throw refuse(parsed.error.issues.map((i) => i.message).join(' '));
      const turn = parsed.data;
      // One statement (it runs on every chat answer): the conversation is started, or updated only
      // if it is this login's, and its two turns are added only when it is; no row back means it is not.
      const rows = await dataSource.query(RECORD_TURN, [
        turn.conversationId, principal.accountId, principal.clientId, turn.language, turn.matterId ?? null,
        turn.message, turn.answer, turn.intent, turn.refused,
      ]) as Array<{ id: string; account_id: string; client_id: string | null; language: string; matter_id: string | null; started_at: Date }>;
      const row = rows[0];
      if (!row) throw refuse('No conversation of yours has this id: start a new one with a fresh UUID.');
      return dataSource.getRepository(ConversationRow).create({
        id: row.id, accountId: row.account_id, clientId: row.client_id, language: row.language, matterId: row.matter_id, startedAt: row.started_at,
      });
    },
  };
}

export type ConversationStore = ReturnType<typeof createConversationStore>;
