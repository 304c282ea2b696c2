/**
 * `npm run bench:notify` (second half), or alone: `tsx --expose-gc bench/notify-live.ts`.
 * 1,000 graphql-ws subscribers (BENCH_SUBSCRIBERS) on one gateway, each with its own token (no two
 * share a payload resolution), 4 per matter on 250 matters. Each round moves every one of those
 * matters' hearings in the legacy CMS (a store write: the CMS fires its webhook), and times, per
 * subscriber, the change → delivery of its matterUpdated EVENT through webhook → worker → outbox →
 * gateway → graph → socket. Also the gateway process's memory per connection (the clients run in
 * a child process). Everything else runs in this one process on the same cores.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { loadSimulatorConfig } from '../legacy/config.js';
import { startSystem } from '../system/start-system.js';
import { issueAccessToken } from '../shared/auth/tokens.js';
import { stamp } from '../legacy/http/clio/validate.js';
import { createTestDatabase } from '../test/support/database.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const PER_MATTER = 4;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};
const heap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage();
};
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

export async function runLiveBench(): Promise<void> {
  const matters = Math.ceil(SUBSCRIBERS / PER_MATTER);
  const env: NodeJS.ProcessEnv = {
    ...process.env, PORT: '0', MATTERS_PORT: '0', DOCUMENTS_PORT: '0', BILLING_PORT: '0', NOTIFICATIONS_PORT: '0', AUDIT_PORT: '0',
    CMS_SIM_PORT: '0', DMS_SIM_PORT: '0', BILLING_SIM_PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', NODE_ENV: 'test',
    SIM_FIRM_SIZE: `${matters * 2}:${matters * 4}:${matters}`, SIM_RATE_LIMIT_PER_MINUTE: '100000', LEGACY_REQUESTS_PER_MINUTE: '100000',
    SYNC_INTERVAL_SECONDS: '3600', DEMO_ACCOUNTS: 'false', RATE_LIMIT_CLIENT_PER_MINUTE: '100000', RATE_LIMIT_ADDRESS_PER_MINUTE: '1000000',
  };
  // On a server, a database of its own; else startSystem embeds PGlite itself (and knows to poll it).
  const database = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  if (database) env.DATABASE_URL = database.url;
  const config = loadConfig(env);
  const system = await startSystem(config, loadSimulatorConfig(env), createLogger('bench', config.logLevel));
  try {
    await system.firstImport;
    await system.worker.webhooksReady;
    const { firm, store } = system.simulators!;
    const byMatter = new Map<string, { entryId: (typeof firm.calendarEntries)[number]['id']; clientId: string }>();
    for (const entry of firm.calendarEntries) {
      if (!entry.matter || byMatter.has(String(entry.matter.id))) continue;
      const matter = firm.matters.find((m) => m.id === entry.matter!.id)!;
      byMatter.set(String(matter.id), { entryId: entry.id, clientId: String(matter.client.id) });
    }
    const watched = [...byMatter.entries()].slice(0, matters);
    const subscribers = await Promise.all(Array.from({ length: SUBSCRIBERS }, async (_, i) => {
      const [matterId, { clientId }] = watched[i % watched.length]!;
      const token = await issueAccessToken({ accountId: `bench-subscriber-${i}`, email: `subscriber${i}@bench.example`, role: 'CLIENT', clientId, staffId: null }, config.auth);
      return { token, matterId };
    }));
    console.log(`${SUBSCRIBERS} subscribers on ${watched.length} matters (${PER_MATTER} each, each its own token), ${ROUNDS} rounds; database: ${system.embeddedDatabase ? 'embedded PGlite' : 'PostgreSQL'}`);

    const before = heap();
    const child = fork(fileURLToPath(new URL('./live-clients.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const deliveries: Array<Array<{ change: string; receivedAt: number }>> = subscribers.map(() => []);
    let errors = 0;
    child.on('message', (message: { type: string; index?: number; change?: string; receivedAt?: number; error?: string }) => {
      if (message.type === 'delivery') deliveries[message.index!]!.push({ change: message.change!, receivedAt: message.receivedAt! });
      if (message.type === 'error' && errors++ < 3) console.log(`subscriber ${message.index} error: ${message.error}`);
    });
    await new Promise<void>((resolve) => {
      child.on('message', (m: { type: string }) => m.type === 'subscribed' && resolve());
      child.send({ type: 'start', url: system.gatewayUrl.replace(/^http/, 'ws'), subscribers });
    });

    const move = () => {
      const changedAt = new Map<string, number>();
      for (const [matterId, { entryId }] of watched) {
        const current = store.calendarEntries.get(entryId)!;
        const startAt = new Date(Date.parse(current.start_at) + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
        store.calendarEntries.update(entryId, { start_at: startAt, ...stamp('calendar_entries', entryId) });
        changedAt.set(matterId, Date.now());
      }
      return changedAt;
    };
    const waitFor = async (done: () => boolean, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      return done();
    };
    const eventAfter = (index: number, since: number) => deliveries[index]!.find((d) => d.change === 'EVENT' && d.receivedAt >= since);

    // Warm-up: every subscription is live once it has had one delivery.
    for (let attempt = 0; attempt < 10; attempt++) {
      const since = Date.now();
      move();
      if (await waitFor(() => subscribers.every((_, i) => eventAfter(i, since)), 10_000)) break;
    }
    const connected = heap();
    const live = subscribers.filter((_, i) => deliveries[i]!.length > 0).length;

    const delays: number[] = [];
    let missed = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const since = Date.now();
      const changedAt = move();
      await waitFor(() => subscribers.every((_, i) => eventAfter(i, since)), 30_000);
      subscribers.forEach((subscriber, i) => {
        const delivered = eventAfter(i, since);
        if (delivered) delays.push(delivered.receivedAt - changedAt.get(subscriber.matterId)!);
        else missed++;
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    console.log(`live subscribers: ${live}/${SUBSCRIBERS}; deliveries timed ${delays.length}, missed ${missed}`);
    console.log(`legacy change → subscriber delivery: p50 ${percentile(delays, 0.5)} ms, p99 ${percentile(delays, 0.99)} ms, max ${Math.max(...delays)} ms (${watched.length} matters changed at once per round)`);
    console.log(`gateway process memory: +${mb(connected.heapUsed - before.heapUsed)} heap, +${mb(connected.rss - before.rss)} RSS for ${SUBSCRIBERS} connections → ${((connected.heapUsed - before.heapUsed) / SUBSCRIBERS / 1024).toFixed(1)} KB heap, ${((connected.rss - before.rss) / SUBSCRIBERS / 1024).toFixed(1)} KB RSS per connection${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for a steadier figure)'}`);
    child.send({ type: 'stop' });
    await new Promise((resolve) => child.on('exit', resolve));
  } finally {
    await system.close();
    await database?.drop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runLiveBench();
