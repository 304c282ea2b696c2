/**
 * POST /webhooks/:system as a forger and as a confused sender: random systems, headers and bodies,
 * and deliveries signed with the real subscription's secret whose fields are wrong.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { assertRefused, send } from '../support/answers.js';
import type { FuzzContext } from '../support/context.js';
import { deepValue, hostileString } from '../support/graphql-inputs.js';
import { fuzz } from '../support/runs.js';
import { WriteWatch, writesNothingUnlessAccepted } from '../support/writes.js';
import { malformedJson } from './sign-in.js';

interface Subscription { webhookId: string; secret: string }

const sign = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('hex');

/** A delivery with every field drawn from hostile values: some are well-formed and may be stored. */
function deliveryBody(sub: Subscription): fc.Arbitrary<unknown> {
  const now = Date.now();
  const field = (good: fc.Arbitrary<unknown>) => fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: fc.oneof(hostileString, fc.integer(), fc.constant(null), deepValue) });
  return fc.record({
    data: field(fc.record({ id: fc.oneof(fc.integer({ min: 1 }), hostileString, deepValue), etag: hostileString }, { requiredKeys: [] })),
    meta: field(fc.record({
      event: field(fc.constantFrom('created', 'updated', 'deleted')),
      webhook_id: field(fc.constant(sub.webhookId)),
      delivery_id: field(hostileString),
      occurred_at: field(fc.oneof(fc.integer({ min: -7_200_000, max: 600_000 }).map((ms) => new Date(now + ms).toISOString()), hostileString)),
    }, { requiredKeys: [] })),
  }, { requiredKeys: [] });
}

export async function fuzzWebhooks(ctx: FuzzContext, sub: Subscription, runs: number): Promise<void> {
  const request = fc.record({
    system: fc.oneof({ weight: 4, arbitrary: fc.constant('cms') }, { weight: 1, arbitrary: fc.constantFrom('dms', 'billing', 'CMS', '%00', '..%2F..', 'x'.repeat(300)) }),
    body: fc.oneof(malformedJson(['data', 'meta']).map((raw) => raw.body), deliveryBody(sub).map((body) => JSON.stringify(body))),
    signature: fc.constantFrom('real', 'random', 'none'),
    // Headers stay under Node's 16 KB limit: beyond it the HTTP parser answers 431 before any of ours runs.
    randomSignature: fc.oneof(hostileString.filter((s) => s.length < 1000), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 })),
    handshakeSecret: fc.option(hostileString.filter((s) => s.length > 0 && s.length < 1000 && /^[\x21-\x7e]+$/.test(s)), { freq: 5 }),
  });
  const watch = await WriteWatch.of(ctx.dataSource, ['sync.webhook_deliveries']);
  await fuzz(request, async (r) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (r.signature === 'real') headers['x-hook-signature'] = sign(r.body, sub.secret);
    if (r.signature === 'random' && /^[\x20-\x7e]*$/.test(r.randomSignature)) headers['x-hook-signature'] = r.randomSignature;
    if (r.handshakeSecret) headers['x-hook-secret'] = r.handshakeSecret;
    const what = `POST /webhooks/${r.system} (${r.signature} signature${r.handshakeSecret ? ', a handshake' : ''}) ${r.body.slice(0, 300)}`;
    const answer = await writesNothingUnlessAccepted(
      watch,
      () => send(`${ctx.base}/webhooks/${r.system}`, { method: 'POST', headers, body: r.body }),
      (a) => a.status === 200 || a.status === 202,
      what,
    );
    // A signed, well-formed, fresh delivery is stored (202, or 200 for a repeat): the fuzzer made a real one.
    if (answer.status === 200 || answer.status === 202) {
      if (r.signature !== 'real' || r.handshakeSecret) throw new Error(`${what}: accepted without the real signature: ${answer.status} ${answer.text}`);
      return;
    }
    assertRefused(answer, what, [400, 401, 404, 413]);
  }, runs);
}
