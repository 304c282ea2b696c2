import { z } from 'zod';

/**
 * Form providers' payloads turned into the fields of POST /intake. Which question is which field
 * is configured here, by Typeform field `ref` and by Gravity Forms field id; a ref or key that is
 * already one of the intake field names (`firstName`, `email`, `practiceArea`, …) fills that field.
 */
export const TYPEFORM_REFS: Readonly<Record<string, string>> = {};
export const GRAVITY_FORMS_FIELDS: Readonly<Record<string, string>> = {
  '1.3': 'firstName',
  '1.6': 'lastName',
};

const INTAKE_FIELDS = new Set(['firstName', 'lastName', 'email', 'phone', 'practiceArea', 'description', 'state', 'city', 'zip', 'opposingParty', 'language', 'referringUrl', 'source', 'website']);

const answerSchema = z.object({
  type: z.string(),
  field: z.object({ id: z.string().optional(), ref: z.string().optional() }),
  text: z.string().optional(),
  email: z.string().optional(),
  phone_number: z.string().optional(),
  url: z.string().optional(),
  number: z.number().optional(),
  date: z.string().optional(),
  boolean: z.boolean().optional(),
  choice: z.object({ label: z.string().optional(), other: z.string().optional() }).optional(),
}).loose();

const typeformSchema = z.object({
  event_id: z.string().optional(),
  event_type: z.literal('form_response'),
  form_response: z.object({
    form_id: z.string().optional(),
    token: z.string().min(1),
    answers: z.array(answerSchema),
    hidden: z.record(z.string(), z.string()).optional(),
  }).loose(),
}).loose();

function answerValue(answer: z.infer<typeof answerSchema>): string | undefined {
  const value = answer.text ?? answer.email ?? answer.phone_number ?? answer.url ?? answer.date ?? answer.choice?.label ?? answer.choice?.other;
  if (value !== undefined) return value;
  if (answer.number !== undefined) return String(answer.number);
  if (answer.boolean !== undefined) return String(answer.boolean);
  return undefined;
}

/** A Typeform `form_response` webhook as an intake submission, and its idempotency key (the response token). */
export function fromTypeform(body: unknown): { fields: Record<string, string>; idempotencyKey: string } | { error: string } {
  const parsed = typeformSchema.safeParse(body);
  if (!parsed.success) return { error: 'not a Typeform form_response payload' };
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed.data.form_response.hidden ?? {})) {
    if (INTAKE_FIELDS.has(key)) fields[key] = value;
  }
  for (const answer of parsed.data.form_response.answers) {
    const ref = answer.field.ref ?? '';
    const name = TYPEFORM_REFS[ref] ?? (INTAKE_FIELDS.has(ref) ? ref : undefined);
    const value = answerValue(answer);
    if (name && value !== undefined) fields[name] = value;
  }
  fields.source ??= 'typeform';
  return { fields, idempotencyKey: `typeform:${parsed.data.form_response.token}` };
}

/** A Gravity Forms webhook ("all fields") as an intake submission, and its idempotency key (form and entry ids). */
export function fromGravityForms(body: unknown): { fields: Record<string, string>; idempotencyKey: string | null } | { error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { error: 'not a Gravity Forms entry' };
  const fields: Record<string, string> = {};
  let entryId: string | null = null;
  let formId: string | null = null;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    if (key === 'id') entryId = String(value);
    if (key === 'form_id') formId = String(value);
    const name = GRAVITY_FORMS_FIELDS[key] ?? (INTAKE_FIELDS.has(key) ? key : undefined);
    if (name) fields[name] = String(value);
  }
  fields.source ??= 'gravity-forms';
  return { fields, idempotencyKey: entryId ? `gravity-forms:${formId ?? ''}:${entryId}` : null };
}
