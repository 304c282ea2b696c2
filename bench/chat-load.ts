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
  thinkMs: z.tuple([z.number().nonnegative(), z.number().nonnegative()]),
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

/**
 * `conversations` clients at once for `durationMs`, each asking its next question `thinkMs` (a
 * range, drawn uniformly) after its answer: [0, 0] is the stress case, each asking again the
 * moment it has an answer; a person reading the answer and typing the next question takes seconds.
 */
async function converse(thinkMs: readonly [number, number]) {
  const latencies: number[] = [];
  const byIntent: Record<string, number[]> = {};
  let failures = 0;
  let operations = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: orders.conversations }, async (_, c) => {
    let conversationId: string | undefined;
    // Paced conversations start spread over one think time, as people do.
    if (thinkMs[1] > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * thinkMs[1]));
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
      if (thinkMs[1] > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs[0] + Math.random() * (thinkMs[1] - thinkMs[0])));
    }
  }));
  return { latencies, byIntent, failures, operations, elapsedMs: performance.now() - started };
}

// The stress case first: every conversation asks again the moment it has its answer.
say({ event: 'load-start' });
say({ event: 'load', ...await converse([0, 0]) });
// Then at a person's pace: each answer read and the next question typed in 1 to 4 s.
say({ event: 'paced-start' });
say({ event: 'paced', thinkMs: orders.thinkMs, ...await converse(orders.thinkMs) });
