/** POST /chat: malformed bodies are refused and write no conversation; any question gets an answer. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertRefused, send } from '../support/answers.js';
import type { FuzzContext } from '../support/context.js';
import { hostileString } from '../support/graphql-inputs.js';
import { fuzz } from '../support/runs.js';
import { WriteWatch, writesNothingUnlessAccepted } from '../support/writes.js';
import { malformedJson } from './sign-in.js';

export async function fuzzChat(ctx: FuzzContext, runs: number): Promise<void> {
  const question = fc.record({
    message: hostileString,
    conversationId: fc.option(fc.oneof(fc.uuid(), hostileString), { nil: undefined }),
    language: fc.option(fc.oneof(fc.constantFrom('en', 'es'), hostileString), { nil: undefined }),
  }, { requiredKeys: ['message'] }).map((body) => ({ body: JSON.stringify(body), contentType: 'application/json' as string | undefined }));
  const request = fc.record({ raw: fc.oneof(malformedJson(['message', 'conversationId', 'language']), question), signedIn: fc.boolean() });
  const watch = await WriteWatch.of(ctx.dataSource, ['notifications.conversation']);
  await fuzz(request, async ({ raw, signedIn }) => {
    const headers: Record<string, string> = raw.contentType ? { 'content-type': raw.contentType } : {};
    if (signedIn) headers.authorization = `Bearer ${ctx.tokens.client}`;
    const what = `POST /chat (${signedIn ? 'signed in' : 'anonymous'}) ${raw.body.slice(0, 300)}`;
    const answer = await writesNothingUnlessAccepted(watch, () => send(`${ctx.base}/chat`, { method: 'POST', headers, body: raw.body }), (a) => a.status === 200, what);
    if (answer.status === 200) {
      assert.ok(signedIn, `${what}: answered without a token`);
      assert.equal(typeof (answer.json as { text?: unknown }).text, 'string', `${what}: ${answer.text.slice(0, 300)}`);
      return;
    }
    assertRefused(answer, what, [400, 401, 404, 413, 415]);
  }, runs);
}
