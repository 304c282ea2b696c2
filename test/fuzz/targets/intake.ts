/**
 * The public intake forms: POST /intake, /intake/typeform (signed) and /intake/gravity-forms
 * (shared secret), with submissions that are wrong in one field or not submissions at all.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { assertRefused, send } from '../support/answers.js';
import type { FuzzContext } from '../support/context.js';
import { FUZZ_ENV } from '../support/context.js';
import { deepValue, hostileString, hugeString } from '../support/graphql-inputs.js';
import { fuzz } from '../support/runs.js';
import { WriteWatch, writesNothingUnlessAccepted } from '../support/writes.js';
import { malformedJson } from './sign-in.js';

const GOOD: Record<string, string> = {
  firstName: 'Dana', lastName: 'Reyes', email: 'dana.reyes@example.net', phone: '+1 213 555 0100', practiceArea: 'family law',
  description: 'My landlord kept my deposit.', state: 'CA', city: 'Los Angeles', zip: '90012', language: 'en', referringUrl: 'https://example.net/', source: 'web',
};
const REQUIRED = ['firstName', 'lastName', 'email', 'practiceArea', 'description'];

/** A submission with one field made wrong (missing, of another type, too long, not an email/phone/ZIP/state…). */
const oneFieldWrong = fc.tuple(fc.constantFrom(...Object.keys(GOOD)), fc.nat()).chain(([field]) => {
  // Longer than any field takes (the description takes 10,000 characters).
  const tooLong = fc.oneof(fc.integer({ min: 10_001, max: 60_000 }).map((n) => 'x'.repeat(n)), hugeString.filter((v) => v.length > 10_000));
  const wrong: Array<fc.Arbitrary<unknown>> = [fc.integer(), fc.boolean(), fc.array(fc.string(), { minLength: 1, maxLength: 2 }), deepValue, tooLong];
  if (REQUIRED.includes(field)) wrong.push(fc.constantFrom(undefined, '', '   '));
  if (['email', 'phone', 'zip', 'state', 'language', 'referringUrl', 'practiceArea'].includes(field)) wrong.push(fc.constantFrom('not valid', 'x@', '12', 'Atlantis', 'fr', 'ftp//', 'underwater basket weaving'));
  return fc.oneof(...wrong).map((value) => ({ ...GOOD, [field]: value }));
});
/** Any field hostile text: some of these are well-formed submissions (stored, 202). */
const hostileFields = fc.record(Object.fromEntries(Object.keys(GOOD).map((k) => [k, fc.oneof(fc.constant(GOOD[k]), hostileString)])));

type Form = 'form' | 'typeform' | 'gravity-forms';

function asTypeform(fields: Record<string, unknown>): unknown {
  return { event_type: 'form_response', form_response: { token: 'tok', answers: Object.entries(fields).map(([ref, text]) => ({ type: 'text', field: { ref }, text })) } };
}

export async function fuzzIntake(ctx: FuzzContext, runs: number): Promise<void> {
  const body = fc.oneof(
    oneFieldWrong.map((s) => ({ json: JSON.stringify(s), wrong: true })),
    hostileFields.map((s) => ({ json: JSON.stringify(s), wrong: false })),
    malformedJson(Object.keys(GOOD)).map((raw) => ({ json: raw.body, wrong: false })),
  );
  const request = fc.record({ form: fc.constantFrom<Form>('form', 'typeform', 'gravity-forms'), body, credentials: fc.constantFrom('right', 'right', 'wrong', 'none'), key: fc.option(hostileString.filter((s) => s.length < 1000 && /^[\x20-\x7e]*$/.test(s))) });
  const watch = await WriteWatch.of(ctx.dataSource, ['intake.']);
  await fuzz(request, async (r) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    let payload = r.body.json;
    if (r.form === 'typeform') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(payload);
      } catch {
        parsed = undefined;
      }
      if (r.body.wrong || (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))) payload = JSON.stringify(asTypeform(parsed as Record<string, unknown>));
      if (r.credentials !== 'none') headers['typeform-signature'] = `sha256=${createHmac('sha256', r.credentials === 'right' ? FUZZ_ENV.INTAKE_TYPEFORM_SECRET! : 'wrong').update(payload).digest('base64')}`;
    }
    if (r.form === 'gravity-forms' && r.credentials !== 'none') headers['x-intake-secret'] = r.credentials === 'right' ? FUZZ_ENV.INTAKE_GRAVITY_FORMS_SECRET! : 'wrong';
    if (r.key !== null) headers['idempotency-key'] = r.key;
    const path = r.form === 'form' ? '/intake' : `/intake/${r.form}`;
    const what = `POST ${path} (${r.credentials} credentials) ${payload.slice(0, 300)}`;
    const answer = await writesNothingUnlessAccepted(watch, () => send(`${ctx.base}${path}`, { method: 'POST', headers, body: payload }), (a) => a.status === 202, what);
    if (answer.status === 202) {
      if (r.body.wrong && !(r.form === 'gravity-forms')) throw new Error(`${what}: a submission with a wrong field was accepted`);
      if (r.form !== 'form' && r.credentials !== 'right') throw new Error(`${what}: accepted without the right credentials`);
      return;
    }
    assertRefused(answer, what, [400, 401, 413]);
  }, runs);
}
