/**
 * Every mutation of the API schema (derived from the committed supergraph, as the gateway derives
 * it), called with generated variables by each role and by nobody.
 */
import { readFile } from 'node:fs/promises';
import assert from 'node:assert/strict';
import { Supergraph } from '@apollo/federation-internals';
import fc from 'fast-check';
import type { GraphQLField } from 'graphql';
import { SUPERGRAPH_FILE } from '../../../gateway/compose.js';
import { assertGraphQLAnswer, send } from '../support/answers.js';
import type { FuzzContext } from '../support/context.js';
import { fuzzedCall } from '../support/graphql-inputs.js';
import { fuzz } from '../support/runs.js';
import { writesNothingUnlessAccepted } from '../support/writes.js';

export async function apiMutations(): Promise<Array<GraphQLField<unknown, unknown>>> {
  const schema = Supergraph.build(await readFile(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
  return Object.values(schema.getMutationType()?.getFields() ?? {});
}

export async function fuzzMutation(ctx: FuzzContext, field: GraphQLField<unknown, unknown>, runs: number): Promise<void> {
  const callers = fc.constantFrom<Array<keyof FuzzContext['tokens'] | 'nobody'>>('admin', 'staff', 'client', 'client', 'nobody');
  await fuzz(fc.tuple(fuzzedCall(field, ctx.seeds), callers), async ([call, caller]) => {
    const what = `${field.name} as ${caller} with ${JSON.stringify(call.variables).slice(0, 300)}`;
    const headers = { 'content-type': 'application/json', ...(caller === 'nobody' ? {} : { authorization: `Bearer ${ctx.tokens[caller]}` }) };
    const answer = await writesNothingUnlessAccepted(
      ctx.watch,
      () => send(ctx.system.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query: call.query, variables: call.variables }) }),
      (a) => a.status === 200 && !(a.json as { errors?: unknown[] } | undefined)?.errors?.length,
      what,
    );
    const { refused } = assertGraphQLAnswer(answer, what);
    if (call.broken) assert.ok(refused, `${what}: input that breaks the schema was accepted: ${answer.text.slice(0, 300)}`);
  }, runs);
}
