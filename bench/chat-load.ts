/**
 * The load half of `npm run bench:chat`, run by bench/chat.ts as its own process so that sending
 * questions and timing answers never waits behind the system under test on one event loop (the
 * gateway and subgraphs run in bench/chat.ts's process). Reads its orders from BENCH_CHAT_LOAD
 * (JSON) and writes one JSON line per phase to stdout.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../chatbot/language.js';
import { postChat } from '../chatbot/test/chat-client.js';

const orders = z.object({
  chatUrl: z.url(),
  tokens: z.array(z.string().min(1)).min(1),
  conversations: z.number().int().positive(),
  durationMs: z.number().int().positive(),
  aloneAnswers: z.number().int().nonnegative(),
}).parse(JSON.parse(process.env.BENCH_CHAT_LOAD ?? '{}'));

type Bank = Record<Language, Record<string, string[]>>;
const bank = JSON.parse(await readFile(new URL('../chatbot/test/question-bank.json', import.meta.url), 'utf8')) as Bank;
const questions = LANGUAGES.flatMap((language) => Object.values(bank[language]).flat().map((message) => ({ message, language })));
const say = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

// One conversation at a time first: the latency of an answer when nothing waits in line.
const alone: number[] = [];
let aloneId: string | undefined;
for (let i = 0; i < orders.aloneAnswers; i++) {
  const sent = performance.now();
  const answer = await postChat(orders.chatUrl, orders.tokens[0]!, { ...questions[(i * 13) % questions.length]!, ...(aloneId ? { conversationId: aloneId } : {}) });
  alone.push(performance.now() - sent);
  if (answer.status !== 200) throw new Error(`a lone question answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  aloneId = answer.body.conversationId;
}
say({ event: 'alone', latencies: alone });

// Then `conversations` clients at once, each asking its next question as soon as it has an answer.
say({ event: 'load-start' });
const latencies: number[] = [];
const byIntent: Record<string, number[]> = {};
let failures = 0;
let operations = 0;
const started = performance.now();
await Promise.all(Array.from({ length: orders.conversations }, async (_, c) => {
  let conversationId: string | undefined;
  for (let i = c * 7; performance.now() - started < orders.durationMs; i++) {
    const question = questions[i % questions.length]!;
    const sent = performance.now();
    const answer = await postChat(orders.chatUrl, orders.tokens[c % orders.tokens.length]!, { ...question, ...(conversationId ? { conversationId } : {}) });
    const latency = performance.now() - sent;
    latencies.push(latency);
    (byIntent[answer.body.intent ?? `HTTP ${answer.status}`] ??= []).push(latency);
    if (answer.status !== 200) failures += 1;
    operations += answer.body.operations?.length ?? 0;
    // A new conversation every 10 questions, as clients come and go.
    conversationId = i % 10 === 9 ? undefined : answer.body.conversationId;
  }
}));
say({ event: 'load', latencies, byIntent, failures, operations, elapsedMs: performance.now() - started });
