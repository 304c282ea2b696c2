import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AuditLog } from '../../../shared/audit/index.js';
import type { Logger } from '../../../shared/logger.js';
import { isHoneypotFilled, validateSubmission } from '../submission.js';
import { storeSubmission } from '../store.js';
import type { SubmissionSource } from '../entities/index.js';
import { fromGravityForms, fromTypeform } from './providers.js';

export interface IntakeRouterOptions {
  dataSource: DataSource;
  logger: Logger;
  /** INTAKE_TYPEFORM_SECRET; unset: POST /intake/typeform answers 401. */
  typeformSecret: string | undefined;
  /** INTAKE_GRAVITY_FORMS_SECRET, sent by Gravity Forms in the X-Intake-Secret header; unset: 401. */
  gravityFormsSecret: string | undefined;
  /** The per-address limit (the gateway's addressThrottle, INTAKE_REQUESTS_PER_MINUTE). */
  throttle: RequestHandler;
  /** The gateway's audit log: each submission is an entry (kind WEBHOOK, operation `intake:<source>`, no personal data). */
  audit?: AuditLog;
}

const MAX_BODY = '64kb';
export const GRAVITY_FORMS_SECRET_HEADER = 'x-intake-secret';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Typeform signs the raw body: `sha256=<base64 HMAC-SHA256>` with the form's secret. */
export function typeformSignature(rawBody: Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('base64')}`;
}

function parseJson(raw: Buffer): { ok: true; body: unknown } | { ok: false } {
  try {
    return { ok: true, body: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * The public intake endpoints, mounted by the gateway: POST /intake (the firm's own form),
 * POST /intake/typeform and POST /intake/gravity-forms (providers' webhooks). Each answers 202
 * with a receiptId once the submission is stored; everything else happens in the worker.
 */
export function intakeRouter(options: IntakeRouterOptions): Router {
  const { dataSource, logger } = options;
  const router = Router();
  const raw = express.raw({ type: () => true, limit: MAX_BODY });

  const audit = (req: Request, source: SubmissionSource, outcome: 'SUCCESS' | 'DENIED', code?: string) =>
    options.audit?.record({
      at: new Date(), kind: 'WEBHOOK', accountId: null, email: null, role: null, clientId: null,
      operationName: `intake:${source}`, operationHash: null, variables: null, outcome, errorCodes: code ? [code] : [],
      durationMs: 0, address: req.ip ?? null, userAgent: req.get('user-agent') ?? null,
    });
  const refuse = (req: Request, res: Response, source: SubmissionSource, status: 400 | 401, code: string, body: unknown) => {
    audit(req, source, 'DENIED', code);
    res.status(status).json(body);
  };

  const accept = async (req: Request, res: Response, body: unknown, source: SubmissionSource, idempotencyKey: string | null) => {
    if (isHoneypotFilled(body)) {
      logger.info({ source }, 'intake honeypot filled: answered like a submission, nothing stored');
      audit(req, source, 'DENIED', 'HONEYPOT');
      res.status(202).json({ receiptId: randomUUID(), status: 'RECEIVED' });
      return;
    }
    const validated = validateSubmission(body);
    if (!validated.ok) {
      refuse(req, res, source, 400, 'BAD_USER_INPUT', { errors: validated.errors });
      return;
    }
    const stored = await storeSubmission(dataSource, validated.submission, { source, idempotencyKey, address: req.ip ?? null });
    if (stored.created) logger.info({ receiptId: stored.receiptId, source }, 'intake submission received');
    audit(req, source, 'SUCCESS');
    res.status(202).json({ receiptId: stored.receiptId, status: 'RECEIVED' });
  };

  router.post('/intake', options.throttle, raw, async (req, res) => {
    const parsed = parseJson(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    if (!parsed.ok) {
      refuse(req, res, 'form', 400, 'BAD_USER_INPUT', { errors: [{ field: 'body', message: 'is not JSON: send the submission as a JSON object (Content-Type: application/json)' }] });
      return;
    }
    const key = req.get('idempotency-key')?.trim();
    if (key !== undefined && (key.length === 0 || key.length > 200)) {
      refuse(req, res, 'form', 400, 'BAD_USER_INPUT', { errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 200 characters' }] });
      return;
    }
    await accept(req, res, parsed.body, 'form', key ? `form:${key}` : null);
  });

  router.post('/intake/typeform', options.throttle, raw, async (req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.get('typeform-signature') ?? '';
    if (!options.typeformSecret || !sameSecret(signature, typeformSignature(rawBody, options.typeformSecret))) {
      refuse(req, res, 'typeform', 401, 'BAD_SIGNATURE', { error: 'Bad or missing Typeform-Signature: set the same secret in Typeform and INTAKE_TYPEFORM_SECRET.' });
      return;
    }
    const parsed = parseJson(rawBody);
    const mapped = parsed.ok ? fromTypeform(parsed.body) : { error: 'not JSON' };
    if ('error' in mapped) {
      refuse(req, res, 'typeform', 400, 'BAD_USER_INPUT', { errors: [{ field: 'body', message: mapped.error }] });
      return;
    }
    await accept(req, res, mapped.fields, 'typeform', mapped.idempotencyKey);
  });

  router.post('/intake/gravity-forms', options.throttle, raw, async (req, res) => {
    const secret = req.get(GRAVITY_FORMS_SECRET_HEADER) ?? '';
    if (!options.gravityFormsSecret || !sameSecret(secret, options.gravityFormsSecret)) {
      refuse(req, res, 'gravity-forms', 401, 'BAD_SIGNATURE', { error: `Bad or missing ${GRAVITY_FORMS_SECRET_HEADER} header: add it to the Gravity Forms webhook with the value of INTAKE_GRAVITY_FORMS_SECRET.` });
      return;
    }
    const parsed = parseJson(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    const mapped = parsed.ok ? fromGravityForms(parsed.body) : { error: 'not JSON' };
    if ('error' in mapped) {
      refuse(req, res, 'gravity-forms', 400, 'BAD_USER_INPUT', { errors: [{ field: 'body', message: mapped.error }] });
      return;
    }
    await accept(req, res, mapped.fields, 'gravity-forms', mapped.idempotencyKey);
  });

  return router;
}
