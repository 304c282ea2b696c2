/**
 * The chatbot answers before it stores the exchange; the store must still never lose a turn nor
 * shuffle a conversation. Through the real gateway, behind a real HTTP front that can turn requests
 * away as an overloaded or restarting gateway would: a turn it turned away is stored on a retry,
 * a conversation's turns read back in the order they were answered, a turn the graph refuses
 * is logged (without the caller's token) rather than retried, and when too many turns wait, the
 * next answer waits for its own.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { pino } from 'pino';
import { listen, localUrl } from '../../shared/graphql/listen.js';
import { startTestSystem, type TestSystem } from '../../test/support/system.js';
import { GraphClient } from '../graph.js';
import { loadOperations } from '../operations/index.js';
import { TurnRecorder } from '../turn-recorder.js';

let system: TestSystem;
let ava: string;
let ben: string;
let front: http.Server;
let frontUrl: string;
/** How many of the next requests the front turns away with 503. */
let turnAway = 0;
const seen: Array<{ status: number }> = [];

beforeAll(async () => {
  system = await startTestSystem();
  [ava, ben] = await Promise.all([system.login('ava.martin@example.com'), system.login('ben.okafor@example.com')]);
  front = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (turnAway > 0) {
        turnAway -= 1;
        seen.push({ status: 503 });
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"restarting"}');
        return;
      }
      void fetch(system.gatewayUrl, {
        method: 'POST', body: Buffer.concat(chunks),
        headers: { 'content-type': 'application/json', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) },
      }).then(async (answer) => {
        seen.push({ status: answer.status });
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
      }, (error: unknown) => res.writeHead(502).end(String(error)));
    });
  });
  frontUrl = localUrl('127.0.0.1', await listen(front, '127.0.0.1', 0), '/graphql');
}, 180_000);
afterAll(async () => {
  await new Promise((resolve) => {
    front?.close(resolve);
    front?.closeAllConnections();
  });
  await system?.stop();
});
beforeEach(() => {
  seen.length = 0;
  turnAway = 0;
});

function recorderWithLog(maxWaiting?: number) {
  const logged: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(JSON.parse(line) as Record<string, unknown>) });
  const graph = new GraphClient({ gatewayUrl: () => frontUrl, documents: loadOperations(), logger });
  return { recorder: new TurnRecorder({ graph, logger, retryDelaysMs: [20, 20, 20], maxWaiting }), logged };
}

const turn = (conversationId: string, n: number) => ({ conversationId, language: 'en', matterId: null, message: `question ${n}`, answer: `answer ${n}`, intent: 'greeting', refused: false });

async function turnsOf(token: string, id: string) {
  const read = await system.graphql<{ conversation: { turns: Array<{ role: string; text: string }> } | null }>(
    token, 'query($id: ID!) { conversation(id: $id) { turns { role text } } }', { id },
  );
  return read.data?.conversation?.turns.map((t) => `${t.role} ${t.text}`) ?? null;
}

describe('storing answered turns after the answer', () => {
  it('stores a turn the gateway turned away on a retry, and keeps the conversation in order', async () => {
    const { recorder, logged } = recorderWithLog();
    const id = randomUUID();
    turnAway = 2;
    for (const n of [1, 2, 3]) void recorder.record(ava, turn(id, n));
    await recorder.settled(id);

    expect(await turnsOf(ava, id)).toEqual(['CLIENT question 1', 'BOT answer 1', 'CLIENT question 2', 'BOT answer 2', 'CLIENT question 3', 'BOT answer 3']);
    expect(seen.map((s) => s.status)).toEqual([503, 503, 200, 200, 200]);
    expect(logged).toEqual([]);
  });

  it('logs a turn the graph refuses without retrying it or logging the token, and goes on with the next', async () => {
    const { recorder, logged } = recorderWithLog();
    const avas = randomUUID();
    void recorder.record(ava, turn(avas, 1));
    await recorder.settled(avas);
    // Ben's token on Ava's conversation: BAD_USER_INPUT, which no retry would change.
    void recorder.record(ben, turn(avas, 2));
    const bens = randomUUID();
    void recorder.record(ben, turn(bens, 1));
    await recorder.drain();

    expect(await turnsOf(ava, avas)).toEqual(['CLIENT question 1', 'BOT answer 1']);
    expect(await turnsOf(ben, bens)).toEqual(['CLIENT question 1', 'BOT answer 1']);
    expect(seen).toHaveLength(3);
    expect(logged).toEqual([expect.objectContaining({ msg: 'could not store a chat turn', conversationId: avas, attempts: 1 })]);
    expect(JSON.stringify(logged)).not.toContain(ben);
  });

  it('gives up on a turn after its retries, logs it, and still settles', async () => {
    const { recorder, logged } = recorderWithLog();
    const id = randomUUID();
    turnAway = 10;
    void recorder.record(ava, turn(id, 1));
    await recorder.settled(id);

    expect(seen.map((s) => s.status)).toEqual([503, 503, 503, 503]);
    expect(logged).toEqual([expect.objectContaining({ msg: 'could not store a chat turn', conversationId: id, attempts: 4 })]);
    expect(await turnsOf(ava, id)).toBeNull();
  });

  it('makes the answer wait for its own turn once enough turns wait to be stored', async () => {
    const { recorder } = recorderWithLog(1);
    const [first, second] = [randomUUID(), randomUUID()];
    turnAway = 2;
    void recorder.record(ava, turn(first, 1));
    // One turn (retrying) already waits: this one resolves only once it is stored.
    await recorder.record(ava, turn(second, 1));

    expect(await turnsOf(ava, second)).toEqual(['CLIENT question 1', 'BOT answer 1']);
    await recorder.settled(first);
    expect(await turnsOf(ava, first)).toEqual(['CLIENT question 1', 'BOT answer 1']);
  });
});
