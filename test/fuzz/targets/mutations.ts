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
import { WriteWatch, writesNothingUnlessAccepted } from '../support/writes.js';

/**
 * The tables each mutation writes itself. Watching every table made the suite flaky: an accepted
 * call's consequences (a handoff's CMS task synced back by webhook, a stage change's rules and
 * notifications) can still be landing when the next, refused call is checked. A mutation not listed
 * here is checked against every table.
 */
const OWN_TABLES: Record<string, string[]> = {
  addValueMapping: ['sync.value_mappings'],
  inviteClient: ['identity.accounts', 'identity.invitations'],
  overrideMatterStage: ['matters.matters', 'matters.stage_transitions'],
  requestHandoff: ['notifications.conversation'],
  markNotificationsRead: ['notifications.notifications'],
  updateNotificationPreferences: ['notifications.preferences'],
  recordChatTurn: ['notifications.conversation'],
};

export async function apiMutations(): Promise<Array<GraphQLField<unknown, unknown>>> {
  const schema = Supergraph.build(await readFile(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
  return Object.values(schema.getMutationType()?.getFields() ?? {});
}

export async function fuzzMutation(ctx: FuzzContext, field: GraphQLField<unknown, unknown>, runs: number): Promise<void> {
  const own = OWN_TABLES[field.name];
  const watch = own ? await WriteWatch.of(ctx.dataSource, own) : ctx.watch;
  const callers = fc.constantFrom<Array<keyof FuzzContext['tokens'] | 'nobody'>>('admin', 'staff', 'client', 'client', 'nobody');
  await fuzz(fc.tuple(fuzzedCall(field, ctx.seeds), callers), async ([call, caller]) => {
    const what = `${field.name} as ${caller} with ${JSON.stringify(call.variables).slice(0, 300)}`;
    const headers = { 'content-type': 'application/json', ...(caller === 'nobody' ? {} : { authorization: `Bearer ${ctx.tokens[caller]}` }) };
    const answer = await writesNothingUnlessAccepted(
      watch,
      () => send(ctx.system.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query: call.query, variables: call.variables }) }),
      (a) => a.status === 200 && !(a.json as { errors?: unknown[] } | undefined)?.errors?.length,
      what,
    );
    const { refused } = assertGraphQLAnswer(answer, what);
    if (call.broken) assert.ok(refused, `${what}: input that breaks the schema was accepted: ${answer.text.slice(0, 300)}`);
  }, runs);
}
