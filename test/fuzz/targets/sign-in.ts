/** POST /auth/login and POST /auth/set-password with bodies no form would send. */
import fc from 'fast-check';
import { assertRefused, send } from '../support/answers.js';
import type { FuzzContext } from '../support/context.js';
import { deepValue, hostileString, hugeString } from '../support/graphql-inputs.js';
import { fuzz } from '../support/runs.js';
import { WriteWatch, writesNothingUnlessAccepted } from '../support/writes.js';

/** A body as sent: its bytes and the content type it claims. */
export interface RawBody { body: string; contentType: string | undefined }

/** Bodies built around `fields` (a form's JSON keys): wrong types, missing or extra keys, deep, huge, not JSON at all. */
export function malformedJson(fields: string[]): fc.Arbitrary<RawBody> {
  const value = fc.oneof(hostileString, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), deepValue);
  const object = fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] });
  const withExtra = fc.tuple(object, fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })).map(([o, extra]) => ({ ...extra, ...o }));
  const json = fc.oneof(object, withExtra, fc.jsonValue({ maxDepth: 4 }), deepValue).map((v) => JSON.stringify(v) ?? 'null');
  const notJson = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), hugeString, fc.constantFrom('{', '{"email":', '\u0000', '[]]', '{"a":1}{"b":2}'));
  const type = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', undefined);
  return fc.record({ body: fc.oneof(json, json, notJson), contentType: type });
}

function post(url: string, raw: RawBody) {
  return send(url, { method: 'POST', headers: raw.contentType ? { 'content-type': raw.contentType } : {}, body: raw.body });
}

export async function fuzzLogin(ctx: FuzzContext, runs: number): Promise<void> {
  const watch = await WriteWatch.of(ctx.dataSource, ['identity.']);
  await fuzz(malformedJson(['email', 'password']), async (raw) => {
    const what = `POST /auth/login ${raw.contentType} ${raw.body.slice(0, 200)}`;
    const answer = await writesNothingUnlessAccepted(watch, () => post(`${ctx.base}/auth/login`, raw), (a) => a.status === 200, what);
    // Nothing generated here is a demo login's password: a 200 would be a sign-in without one.
    assertRefused(answer, what, [400, 401, 413, 415, 429]);
  }, runs);
}

export async function fuzzSetPassword(ctx: FuzzContext, runs: number): Promise<void> {
  const watch = await WriteWatch.of(ctx.dataSource, ['identity.']);
  await fuzz(malformedJson(['token', 'password']), async (raw) => {
    const what = `POST /auth/set-password ${raw.contentType} ${raw.body.slice(0, 200)}`;
    const answer = await writesNothingUnlessAccepted(watch, () => post(`${ctx.base}/auth/set-password`, raw), (a) => a.status === 200, what);
    // No invitation was ever sent, so no token can be good.
    assertRefused(answer, what, [400, 413, 415]);
  }, runs);
}
