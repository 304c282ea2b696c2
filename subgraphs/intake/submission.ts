import { z } from 'zod';
import { ROUTING } from './routing/rules.js';
import { practiceAreaOf } from './routing/engine.js';
import { stateCode } from './us-states.js';
import { detectLanguage } from './language.js';
import type { Language } from './routing/vocabulary.js';

const text = (max: number) => z.string({ error: 'must be text' }).trim().max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => z.preprocess((v) => (v === '' || v === null ? undefined : v), text(max).optional());
const PRACTICE_AREAS = Object.keys(ROUTING.practiceAreaPhrases).join(', ');

/** POST /intake's JSON, as the contract names it (docs: README "Intake"). Unknown keys are ignored. */
export const submissionSchema = z.object({
  firstName: text(100).min(1, 'is required'),
  lastName: text(100).min(1, 'is required'),
  email: z.string({ error: 'is required' }).trim().max(320, 'must be at most 320 characters').pipe(z.email({ error: 'is not an email address' })),
  phone: optionalText(40).refine((v) => v === undefined || (/^\+?[\d\s().-]+$/.test(v) && (v.replace(/\D/g, '').length >= 7 && v.replace(/\D/g, '').length <= 15)), 'is not a phone number (7 to 15 digits, e.g. +1 213 555 0100)'),
  practiceArea: z.string({ error: 'is required' }).transform((v, ctx) => {
    const area = practiceAreaOf(ROUTING, v);
    if (area === null) ctx.addIssue({ code: 'custom', message: `is not one of the firm's practice areas (${PRACTICE_AREAS}) or a common phrase for one` });
    return area ?? '';
  }),
  description: text(10_000).min(1, 'is required'),
  state: optionalText(60).transform((v, ctx) => {
    if (v === undefined) return null;
    const code = stateCode(v);
    if (code === null) ctx.addIssue({ code: 'custom', message: 'is not a US state name or code' });
    return code;
  }),
  city: optionalText(100).transform((v) => v ?? null),
  zip: optionalText(10).refine((v) => v === undefined || /^\d{5}(-\d{4})?$/.test(v), 'is not a US ZIP code (12345 or 12345-6789)').transform((v) => v ?? null),
  opposingParty: optionalText(200).transform((v) => v ?? null),
  language: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(['en', 'es'], { error: 'must be "en" or "es"' }).optional()),
  referringUrl: optionalText(2000).refine((v) => v === undefined || z.url().safeParse(v).success, 'is not a URL'),
  source: optionalText(100),
  website: z.unknown().optional(),
});

export type SubmissionInput = z.input<typeof submissionSchema>;

/** A valid submission, normalized: the practice area as the CMS names it, the state as its code, a language. */
export interface IntakeSubmission {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  practiceArea: string;
  description: string;
  state: string | null;
  city: string | null;
  zip: string | null;
  opposingParty: string | null;
  language: Language;
  referringUrl: string | null;
  source: string | null;
}

export interface FieldError {
  field: string;
  message: string;
}

export type Validated = { ok: true; submission: IntakeSubmission } | { ok: false; errors: FieldError[] };

/** Whether a bot filled the `website` field people never see. */
export function isHoneypotFilled(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('website' in body)) return false;
  const { website } = body;
  return website !== undefined && website !== null && website !== '';
}

/** Validates a submission, naming every bad field (one message each, in the contract's order). */
export function validateSubmission(body: unknown): Validated {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ field: 'body', message: 'must be a JSON object with the submission\'s fields' }] };
  }
  const parsed = submissionSchema.safeParse(body);
  if (!parsed.success) {
    const errors: FieldError[] = [];
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'body');
      if (errors.some((e) => e.field === field)) continue;
      const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
      errors.push({ field, message });
    }
    return { ok: false, errors };
  }
  const d = parsed.data;
  return {
    ok: true,
    submission: {
      firstName: d.firstName, lastName: d.lastName, email: d.email.toLowerCase(), phone: d.phone ?? null,
      practiceArea: d.practiceArea, description: d.description, state: d.state, city: d.city, zip: d.zip,
      opposingParty: d.opposingParty, language: d.language ?? detectLanguage(d.description),
      referringUrl: d.referringUrl ?? null, source: d.source ?? null,
    },
  };
}
