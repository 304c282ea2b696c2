/**
 * Fuzzing the public surface: a bot, a broken integration or an attacker sends what no form would —
 * wrong types, nulls, huge and hostile unicode strings, deep objects, extra fields, bodies that are
 * not JSON or not multipart — to every mutation of the graph, the sign-in endpoints, the webhook
 * receiver, the intake forms, the chatbot and the DMS simulator's upload. Each answer must be a 4xx
 * (or a GraphQL error with a client's code) with a clear message, must write nothing when it
 * refuses, and the system must stay up with its memory bounded.
 *
 * Runs are few in `npm test`; FUZZ_RUNS=<n> runs each property n times, FUZZ_SEED (and FUZZ_PATH)
 * replays a counterexample fast-check printed.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startTestSystem } from '../support/system.js';
import { FUZZ_ENV, type FuzzContext } from './support/context.js';
import { WriteWatch } from './support/writes.js';
import { apiMutations, fuzzMutation } from './targets/mutations.js';
import { fuzzLogin, fuzzSetPassword } from './targets/sign-in.js';
import { fuzzWebhooks } from './targets/webhooks.js';
import { fuzzIntake } from './targets/intake.js';
import { fuzzChat } from './targets/chat.js';
import { fuzzDmsUpload } from './targets/dms-upload.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
/** What the fuzzing may leave on the heap, all of it (its hugest bodies are 1 MB). */
const HEAP_BOUND = 96 * 1024 * 1024;

const mutations = await apiMutations();

describe('fuzzing the public surface with malformed input', () => {
  let ctx: FuzzContext;
  let heapBefore: number;

  beforeAll(async () => {
    const system = await startTestSystem(FUZZ_ENV);
    await system.worker.webhooksReady;
    const base = system.gatewayUrl.replace(/\/graphql$/, '');
    const [admin, staff, client] = await Promise.all([system.login('admin@smithjones.example'), system.login('sarah.jones@smithjones.example'), system.login('ava.martin@example.com')]);
    const { data } = await system.graphql<{ matters: Array<{ id: string; client: { id: string } }>; notifications: { nodes: Array<{ id: string }> } }>(
      client, '{ matters { id client { id } } notifications(first: 5) { nodes { id } } }',
    );
    const seeds = {
      ID: [...(data?.matters ?? []).flatMap((m) => [m.id, m.client.id]), ...(data?.notifications.nodes ?? []).map((n) => n.id)],
      String: ['DISCOVERY', 'en', 'es', 'Europe/Madrid', '22:00', '07:00', 'Depo. Trans.', 'deposition_transcript', 'Please call me back.'],
    };
    const watch = await WriteWatch.of(system.database.dataSource);
    await watch.settled(60_000);
    ctx = { system, base, dataSource: system.database.dataSource, tokens: { admin, staff, client }, seeds, watch };
    heapBefore = heapAfterGc();
  }, 240_000);
  afterAll(() => ctx?.system.stop());

  it.each(mutations.map((field) => [field.name, field] as const))('mutation %s: bad variables get a client error and change nothing', async (_name, field) => {
    await fuzzMutation(ctx, field, 15);
  }, 120_000);

  it('POST /auth/login: malformed bodies get a 4xx with a message and sign nobody in', async () => {
    await fuzzLogin(ctx, 40);
  }, 120_000);

  it('POST /auth/set-password: malformed bodies get a 4xx with a message and create no login', async () => {
    await fuzzSetPassword(ctx, 30);
  }, 120_000);

  it('POST /webhooks/:system: forged, malformed and wrongly signed deliveries are refused and not stored', async () => {
    const [sub] = (await ctx.dataSource.query(`SELECT legacy_webhook_id AS "webhookId", secret FROM sync.webhook_subscriptions WHERE status = 'ENABLED' ORDER BY model LIMIT 1`)) as Array<{ webhookId: string; secret: string }>;
    if (!sub) throw new Error('no enabled webhook subscription to sign with');
    await fuzzWebhooks(ctx, sub, 60);
  }, 120_000);

  it('POST /intake, /intake/typeform, /intake/gravity-forms: a wrong field or a wrong body is refused and stores no lead', async () => {
    await fuzzIntake(ctx, 60);
  }, 120_000);

  it('POST /chat: malformed bodies are refused and write no conversation; any question gets an answer', async () => {
    await fuzzChat(ctx, 30);
  }, 120_000);

  it('POST /v1/documents on the DMS simulator: malformed multipart uploads are refused and store nothing', async () => {
    await fuzzDmsUpload(ctx, ctx.system.config.legacy.dms.token, 60);
  }, 120_000);

  it('is still up and holds its memory after all of it', async () => {
    const health = await fetch(`${ctx.base}/healthz`);
    expect(health.status).toBe(200);
    const grown = heapAfterGc() - heapBefore;
    expect(grown).toBeLessThan(HEAP_BOUND);
  });
});
