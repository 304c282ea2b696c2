/**
 * `npm run bench:chat`: the chatbot's intent accuracy on the held-out question bank (never used
 * for training), per language; then the chatbot as its own process (as `npm run start:chatbot`
 * runs it) against a whole casebridge, answering 20 concurrent conversations of bank questions
 * from two clients: p50/p95 answer latency, answers per second, CPU per answer of the chatbot and
 * of the system, and the chatbot process's memory. The questions are asked, and the answers timed,
 * by a third process (bench/chat-load.ts), so the timing never queues behind the system's work.
 * The load runs twice: each conversation asking again the moment it has its answer (the stress
 * case), then at a person's pace (BENCH_THINK_MS between an answer and the next question, default
 * 1000-4000). BENCH_DURATION_SECONDS (default 30, each) and BENCH_CONVERSATIONS (default 20) override the load;
 * BENCH_CPU_PROF_DIR writes the chatbot's CPU profile there (run this file with
 * `node --cpu-prof --import tsx` for the system's).
 * With DATABASE_URL the system runs on a fresh database of that server, else on an in-memory PGlite.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { startTestSystem } from '../test/support/system.js';
import { loadChatbotConfig } from '../chatbot/config.js';
import { startUnderstanding } from '../chatbot/nlu/index.js';
import { LANGUAGES, type Language } from '../chatbot/language.js';

type Bank = Record<Language, Record<string, string[]>>;
const bank = JSON.parse(await readFile(new URL('../chatbot/test/question-bank.json', import.meta.url), 'utf8')) as Bank;
const duration = Number(process.env.BENCH_DURATION_SECONDS ?? 30) * 1000;
const conversations = Number(process.env.BENCH_CONVERSATIONS ?? 20);
const thinkMs = (process.env.BENCH_THINK_MS ?? '1000-4000').split('-').map(Number) as [number, number];
const { confidence } = loadChatbotConfig();
const out = (line: string) => process.stdout.write(`${line}\n`);

// 1. Accuracy: the classifier alone, trained on chatbot/utterances/ exactly as the server trains it.
const trainingStarted = performance.now();
const { classifier } = await startUnderstanding();
out(`training + date recognizers: ${Math.round(performance.now() - trainingStarted)} ms`);
for (const language of LANGUAGES) {
  let right = 0;
  let total = 0;
  const misses: string[] = [];
  for (const [intent, questions] of Object.entries(bank[language])) {
    for (const question of questions) {
      total += 1;
      const understood = await classifier.classify(question, language);
      if (understood.score >= confidence && understood.intent === intent) right += 1;
      else misses.push(`  "${question}" → ${understood.score >= confidence ? understood.intent : 'below threshold'} (want ${intent})`);
    }
  }
  out(`intent accuracy ${language}: ${(100 * right / total).toFixed(1)}% (${right}/${total}, threshold ${confidence})`);
  for (const miss of misses) out(miss);
}

// 2. Load: the chatbot in its own process, reaching the gateway over HTTP.
const system = await startTestSystem({ RATE_LIMIT_CLIENT_PER_MINUTE: '10000000', RATE_LIMIT_ADDRESS_PER_MINUTE: '10000000', TOKEN_TTL_SECONDS: '3600' });
const chatbot = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF_DIR] : []), '--import', 'tsx', 'chatbot/main.ts'], {
  env: { ...process.env, GATEWAY_URL: system.gatewayUrl, CHATBOT_PORT: '0', CHATBOT_RATE_LIMIT_PER_MINUTE: '10000000', LOG_LEVEL: 'info' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const chatUrl = await new Promise<string>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error('the chatbot did not start within 60 s')), 60_000);
    createInterface({ input: chatbot.stdout! }).on('line', (line) => {
      const url = /"msg":"chatbot listening"/.test(line) ? /"url":"([^"]+)"/.exec(line)?.[1] : undefined;
      if (url) {
        clearTimeout(deadline);
        resolve(url);
      }
    });
    chatbot.once('exit', (code) => reject(new Error(`the chatbot exited (${code}) before listening`)));
  });
  const rss = async (field: 'VmRSS' | 'VmHWM') => Number(/(\d+) kB/.exec((await readFile(`/proc/${chatbot.pid}/status`, 'utf8')).split('\n').find((l) => l.startsWith(field)) ?? '')?.[1] ?? 0) / 1024;
  const idleRss = await rss('VmRSS');
  const tokens = await Promise.all(['ava.martin@example.com', 'ben.okafor@example.com'].map((email) => system.login(email)));
  const chatbotCpuMs = async () => {
    // utime + stime, in clock ticks (100 a second on Linux).
    const fields = (await readFile(`/proc/${chatbot.pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const systemCpuMs = () => {
    const { user, system: kernel } = process.cpuUsage();
    return (user + kernel) / 1000;
  };
  const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(0);

  // The questions are asked from a process of their own: see bench/chat-load.ts.
  const load = spawn(process.execPath, ['--import', 'tsx', 'bench/chat-load.ts'], {
    env: { ...process.env, BENCH_CHAT_LOAD: JSON.stringify({ chatUrl, tokens, conversations, durationMs: duration, aloneAnswers: 60, thinkMs }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const loadExited = new Promise<number | null>((resolve) => load.once('exit', resolve));
  let before = { chatbot: 0, system: 0 };
  for await (const line of createInterface({ input: load.stdout! })) {
    const event = JSON.parse(line) as { event: 'alone' | 'load-start' | 'load' | 'paced-start' | 'paced'; thinkMs?: [number, number]; latencies?: number[]; byIntent?: Record<string, number[]>; failures?: number; operations?: number; elapsedMs?: number };
    if (event.event === 'load-start' || event.event === 'paced-start') before = { chatbot: await chatbotCpuMs(), system: systemCpuMs() };
    if (event.event === 'alone') {
      const alone = event.latencies!.sort((a, b) => a - b);
      out(`one conversation at a time: p50 ${percentile(alone, 0.5)} ms, p95 ${percentile(alone, 0.95)} ms (${alone.length} answers)`);
    }
    if (event.event === 'load' || event.event === 'paced') {
      const paced = event.event === 'paced';
      const chatbotCpu = (await chatbotCpuMs()) - before.chatbot;
      const systemCpu = systemCpuMs() - before.system;
      const latencies = event.latencies!.sort((a, b) => a - b);
      const elapsed = event.elapsedMs! / 1000;
      const at = (p: number) => percentile(latencies, p);
      out(paced
        ? `\nat a person's pace (${conversations} conversations, ${event.thinkMs![0]}–${event.thinkMs![1]} ms between an answer and the next question), ${elapsed.toFixed(1)} s: ${latencies.length} answers, ${event.failures} not 200`
        : `load, each conversation asking again the moment it has its answer: ${conversations} concurrent conversations for ${elapsed.toFixed(1)} s: ${latencies.length} answers, ${event.failures} not 200`);
      out(`answer latency: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms; ${(latencies.length / elapsed).toFixed(1)} answers/s`);
      const intents = Object.entries(event.byIntent!).map(([intent, times]) => ({ intent, times: times.sort((a, b) => a - b) })).sort((a, b) => b.times.length - a.times.length);
      out(`by intent (answers, p50/p95 ms): ${intents.map(({ intent, times }) => `${intent} ${times.length} ${percentile(times, 0.5)}/${percentile(times, 0.95)}`).join(', ')}`);
      out(`graph operations per answer: ${(event.operations! / latencies.length).toFixed(2)} (RecordChatTurn included)`);
      out(`CPU per answer: chatbot process ${(chatbotCpu / latencies.length).toFixed(1)} ms, system process (gateway, subgraphs${process.env.DATABASE_URL ? '' : ', PGlite'}) ${(systemCpu / latencies.length).toFixed(1)} ms`);
      out(`machine load average during the run: ${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')} (${availableParallelism()} cores)`);
      out(`chatbot process memory: RSS ${idleRss.toFixed(0)} MB idle after start, ${(await rss('VmRSS')).toFixed(0)} MB after the load, peak ${(await rss('VmHWM')).toFixed(0)} MB`);
    }
  }
  const code = await loadExited;
  if (code !== 0) throw new Error(`the load process exited with ${code}`);
} finally {
  chatbot.kill('SIGTERM');
  await system.stop();
}
