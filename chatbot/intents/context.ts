import type { Language } from '../language.js';
import type { Messages } from '../answers/index.js';
import type { DateExtractor } from '../nlu/types.js';
import type { MatterMention } from '../nlu/matters.js';
import type { OperationName, Operations } from '../operations/index.js';
import type { ChatMattersQuery } from '../operations/types.generated.js';

export type OwnMatter = ChatMattersQuery['matters'][number];

/** What an intent handler knows and may do for one message. */
export interface TurnContext {
  language: Language;
  /** The message, cleaned of invisible characters. */
  text: string;
  messages: Messages;
  timeZone: string;
  now: Date;
  /** The caller's matters, as the graph gave them (ChatMatters). */
  matters: readonly OwnMatter[];
  clientName: string | null;
  /** The matter this message names, if any. */
  named: MatterMention;
  /** The matter the conversation settled on earlier, if any. */
  remembered: string | null;
  dates: DateExtractor;
  /** Runs an allow-listed operation with the caller's token; the answer lists it. */
  run<N extends OperationName>(name: N, variables: Operations[N]['variables']): Promise<Operations[N]['result']>;
  /** The conversation's last turns, for a handoff's summary. */
  recentTurns(): Promise<string>;
}

export interface Reply {
  text: string;
  /** Set when the answer is not the understood intent's (clarify, handoff). */
  intent?: string;
  /** What the operations returned that the answer used. */
  data: Record<string, unknown>;
  suggestions: readonly string[];
  /** The matter the conversation is now about. */
  matterId?: string;
  handoff?: { taskId: string };
  /** A "which matter?" question: the intent to resume and the matters offered, in order. */
  pending?: { intent: string; offered: string[] };
  /** The answer offered a person ("would you like me to ask them?"): a "yes" next creates the handoff. */
  offersHandoff?: boolean;
}

export type IntentHandler = (ctx: TurnContext) => Promise<Reply>;

export type Choice = { kind: 'matter'; matter: OwnMatter } | { kind: 'none' } | { kind: 'clarify'; reply: Reply };

/**
 * The matter a question is about: the one it names, else the one the conversation settled on,
 * else the only candidate; several candidates and no name → ask which.
 */
export function chooseMatter(ctx: TurnContext, intent: string, candidateIds: readonly string[]): Choice {
  const byId = (id: string | null) => ctx.matters.find((m) => m.id === id);
  const named = ctx.named.kind === 'matter' ? byId(ctx.named.id) : undefined;
  if (named) return { kind: 'matter', matter: named };
  const remembered = byId(ctx.remembered);
  if (remembered) return { kind: 'matter', matter: remembered };
  const candidates = candidateIds.map(byId).filter((m): m is OwnMatter => m !== undefined);
  if (candidates.length === 0) return { kind: 'none' };
  if (candidates.length === 1) return { kind: 'matter', matter: candidates[0]! };
  return { kind: 'clarify', reply: whichMatter(ctx, intent, candidates) };
}

/** The matter the question names or the conversation is on; null: all of the caller's matters. */
export function focusMatter(ctx: TurnContext): OwnMatter | null {
  const id = ctx.named.kind === 'matter' ? ctx.named.id : ctx.remembered;
  return ctx.matters.find((m) => m.id === id) ?? null;
}

const MAX_OFFERED = 5;

export function whichMatter(ctx: TurnContext, intent: string, candidates: readonly OwnMatter[]): Reply {
  const offered = candidates.slice(0, MAX_OFFERED);
  return {
    intent: 'clarify',
    text: ctx.messages.whichMatter(offered.map((m) => m.title)),
    data: { matters: offered.map(({ id, number, title }) => ({ id, number, title })) },
    suggestions: offered.map((m) => m.title),
    pending: { intent, offered: offered.map((m) => m.id) },
  };
}

export const matterRef = (m: { id: string; number: string; title: string }) => ({ id: m.id, number: m.number, title: m.title });
