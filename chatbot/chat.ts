import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../shared/logger.js';
import type { TokenBuckets } from '../shared/token-buckets.js';
import { MESSAGES } from './answers/index.js';
import type { GraphClient } from './graph.js';
import { HANDLERS, type Reply, type TurnContext } from './intents/index.js';
import { fold, guessLanguage, type Language } from './language.js';
import { freshState, type ConversationMemory, type ConversationState } from './memory.js';
import { asksAboutSomeoneElse, cleanMessage, refusalOf } from './nlu/guard.js';
import { findMatter } from './nlu/matters.js';
import type { DateExtractor, IntentClassifier } from './nlu/types.js';
import type { OperationName, Operations } from './operations/index.js';
import type { ConversationQuery } from './operations/types.generated.js';
import type { TurnRecorder } from './turn-recorder.js';

export interface ChatDeps {
  graph: GraphClient;
  classifier: IntentClassifier;
  dates: DateExtractor;
  memory: ConversationMemory;
  recorder: TurnRecorder;
  buckets: TokenBuckets;
  ratePerMinute: number;
  confidence: number;
  timeZone: string;
  logger: Logger;
  now?: () => Date;
}

export interface ChatInput {
  /** The caller's bearer token, as sent (absent: the gateway answers 401). */
  token: string | null;
  message: string;
  conversationId?: string;
  language?: Language;
}

export interface ChatOutput {
  conversationId: string;
  text: string;
  intent: string;
  language: Language;
  operations: OperationName[];
  data: Record<string, unknown>;
  suggestions: readonly string[];
  handoff?: { taskId: string };
}

export class ChatRateLimited extends Error {
  override name = 'ChatRateLimited';
  constructor(readonly retryAfter: number, perMinute: number) {
    super(`Too many messages (CHATBOT_RATE_LIMIT_PER_MINUTE is ${perMinute}); retry in ${retryAfter} s.`);
  }
}

const YES = /^(yes|yeah|yep|sure|ok|okay|please|yes please|si|claro|vale|por favor|de acuerdo|si por favor)\b/;
const MISUNDERSTOOD_BEFORE_HANDOFF = 2;
const LEGAL_ADVICE_BEFORE_HANDOFF = 2;
const SUMMARY_TURNS = 6;
const UUID = z.uuid();

/** Rebuilds what a stored conversation remembers (another replica, or a restart, had it). */
function restore(accountId: string, conversation: NonNullable<ConversationQuery['conversation']>): ConversationState {
  const state = freshState(accountId, conversation.language === 'es' ? 'es' : 'en');
  state.matterId = conversation.matter?.id ?? null;
  for (const turn of conversation.turns) if (turn.role === 'CLIENT' && turn.intent === 'legal_advice') state.legalAdvice += 1;
  return state;
}

/** The operation that serves each intent; each also says who asks and lists their matters. */
type BasicsOperation = 'ChatMatters' | 'MatterEvents' | 'Balances' | 'Invoices' | 'MatterDocuments' | 'MatterStages' | 'Contacts';
const OPERATION_OF: Readonly<Record<string, BasicsOperation>> = {
  next_hearing: 'MatterEvents', upcoming_events: 'MatterEvents', balance: 'Balances', invoices: 'Invoices',
  document_status: 'MatterDocuments', stage: 'MatterStages', updates: 'MatterStages', contact: 'Contacts',
};

/** One message in, one answer out: every fact from allow-listed operations run with the caller's token. */
export async function answerChat(deps: ChatDeps, input: ChatInput): Promise<ChatOutput> {
  const operations: OperationName[] = [];
  // Operations without variables run once per message: the intent's handler reuses what was fetched first.
  const once: Partial<{ [N in OperationName]: Promise<Operations[N]['result']> }> = {};
  const run = <N extends OperationName>(name: N, variables: Operations[N]['variables']): Promise<Operations[N]['result']> => {
    const reusable = Object.keys(variables).length === 0;
    const fetched = reusable ? once[name] : undefined;
    if (fetched) return fetched;
    operations.push(name);
    const pending = deps.graph.run(name, input.token, variables);
    if (reusable) Object.assign(once, { [name]: pending });
    return pending;
  };
  const text = cleanMessage(input.message);
  let conversationId = input.conversationId && UUID.safeParse(input.conversationId).success ? input.conversationId : undefined;
  let state = conversationId ? deps.memory.get(conversationId) : undefined;
  let language: Language = input.language ?? guessLanguage(text) ?? state?.language ?? 'en';
  const refusal = refusalOf(text);
  const understood = refusal ? null : await deps.classifier.classify(text, language);
  const confident = understood !== null && understood.score >= deps.confidence && HANDLERS[understood.intent] !== undefined;
  const short = text.split(' ').length <= 5;
  const likely = state?.pending && (!confident || short) ? state.pending.intent : confident ? understood.intent : '';

  const { me, matters } = await run(OPERATION_OF[likely] ?? 'ChatMatters', {});
  const retryAfter = deps.buckets.take(`chat:${me.id}`, deps.ratePerMinute);
  if (retryAfter > 0) throw new ChatRateLimited(retryAfter, deps.ratePerMinute);
  if (state && state.accountId !== me.id) state = undefined;
  let stored: ConversationQuery['conversation'] = null;
  if (conversationId && !state) {
    await deps.recorder.settled(conversationId);
    stored = (await run('Conversation', { id: conversationId })).conversation;
    // An id that is not one of the caller's conversations starts a new one, as an unknown id would.
    if (stored) state = restore(me.id, stored);
    else conversationId = undefined;
  }
  if (state && !input.language) language = guessLanguage(text) ?? state.language;
  conversationId ??= randomUUID();
  state ??= freshState(me.id, language);
  const messages = MESSAGES[language];
  const ownMatters = matters.map(({ id, number, title, practiceArea, stage }) => ({ id, number, title, practiceArea, stage }));

  const ctx: TurnContext = {
    language, text, messages, timeZone: deps.timeZone, now: (deps.now ?? (() => new Date()))(),
    matters: ownMatters, clientName: me.client?.name ?? null,
    named: findMatter(text, ownMatters, state.pending?.offered ?? []),
    remembered: state.matterId,
    dates: deps.dates,
    run,
    async recentTurns() {
      await deps.recorder.settled(conversationId);
      stored ??= (await run('Conversation', { id: conversationId })).conversation;
      return (stored?.turns ?? []).slice(-SUMMARY_TURNS).map((t) => `${t.role === 'CLIENT' ? 'Client' : 'Chatbot'}: ${t.text}`).join('\n');
    },
  };

  let intent: string;
  let reply: Reply;
  let refused = false;
  if (refusal || asksAboutSomeoneElse(text, ctx.clientName) || ctx.named.kind === 'unknown') {
    // Another client's matter gets the same answer as one that does not exist: nothing of theirs is ever read.
    refused = true;
    intent = 'refused';
    reply = { text: ctx.named.kind === 'unknown' ? messages.unknownMatter() : messages.refused(), data: {}, suggestions: messages.suggestions.start };
  } else {
    intent = understood?.intent ?? 'clarify';
    if (state.pending && ctx.named.kind === 'matter' && (!confident || short)) intent = state.pending.intent;
    else if (state.offeredHandoff && YES.test(fold(text))) intent = 'handoff';
    else if (!confident) intent = 'clarify';
    state.failures = intent === 'clarify' ? state.failures + 1 : 0;
    if (intent === 'legal_advice') state.legalAdvice += 1;

    const insists = intent === 'legal_advice' && state.legalAdvice >= LEGAL_ADVICE_BEFORE_HANDOFF;
    const lost = intent === 'clarify' && state.failures >= MISUNDERSTOOD_BEFORE_HANDOFF;
    const handler = HANDLERS[insists || lost ? 'handoff' : intent];
    reply = handler ? await handler(ctx) : { text: messages.notUnderstood(), data: {}, suggestions: messages.suggestions.start, offersHandoff: true };
    if (lost) reply = { ...reply, text: `${messages.handoffOffer()} ${reply.text}` };
    if (reply.handoff) state.failures = 0;
  }

  state.language = language;
  state.matterId = reply.matterId ?? state.matterId;
  state.pending = reply.pending ?? null;
  state.offeredHandoff = reply.offersHandoff ?? false;
  const answeredIntent = reply.intent ?? intent;
  deps.memory.set(conversationId, state);
  // Stored once the answer is on its way: the client waits for the write only when many wait (turn-recorder.ts).
  await deps.recorder.record(input.token, { conversationId, language, matterId: state.matterId, message: text.slice(0, 2000) || '(empty)', answer: reply.text, intent: answeredIntent, refused });
  operations.push('RecordChatTurn');
  return {
    conversationId, text: reply.text, intent: answeredIntent, language, operations, data: reply.data, suggestions: reply.suggestions,
    ...(reply.handoff ? { handoff: reply.handoff } : {}),
  };
}
