import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { AuditLog } from '../../../shared/audit/index.js';
import type { Logger } from '../../../shared/logger.js';
import { secretMatches, signatureMatches } from './signature.js';
import { findSubscription, markHandshake, registrationInFlight, storeDelivery, type Subscription } from './store.js';

/** The legacy systems that send webhooks (only the CMS offers them). */
export const WEBHOOK_SYSTEMS: readonly string[] = ['cms'];

const handshakeBody = z.object({ meta: z.object({ webhook_id: z.union([z.number(), z.string()]).transform(String) }) });
const deliveryBody = z.object({
  data: z.record(z.string(), z.unknown()),
  meta: z.object({
    event: z.enum(['created', 'updated', 'deleted']),
    webhook_id: z.union([z.number(), z.string()]).transform(String),
    delivery_id: z.string().min(1).max(200),
    occurred_at: z.string().max(40).optional(),
  }),
});

/**
 * The handshake can overtake registration storing its answer: while a registration is in flight
 * (and only then), the subscription row is looked for again after each of these pauses.
 */
const HANDSHAKE_RETRY_MS = [50, 100, 200, 400, 800, 1450];
/** Handshakes waiting at once in this process; more are refused at once rather than held. */
const MAX_WAITING_HANDSHAKES = 8;
/** A delivery stamped further ahead than this (clock skew) is refused. */
const MAX_FUTURE_SKEW_MS = 300_000;

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

export interface WebhookReceiverOptions {
  dataSource: DataSource;
  logger: Logger;
  audit?: AuditLog;
  /** A signed delivery older than this (by its meta.occurred_at) is refused: an old capture cannot be replayed. */
  maxAgeSeconds: number;
  /** Runs before anything is read or stored (the gateway's per-address throttle). */
  throttle?: RequestHandler;
}

/** When a delivery happened, by its own signed timestamp, or why that makes it unacceptable. */
export function deliveryTime(occurredAt: string | undefined, maxAgeSeconds: number, now = Date.now()): { at: Date } | { refused: string } {
  const at = occurredAt === undefined ? Number.NaN : Date.parse(occurredAt);
  if (Number.isNaN(at)) return { refused: 'A delivery must carry meta.occurred_at (ISO 8601).' };
  if (now - at > maxAgeSeconds * 1000) return { refused: `A delivery older than ${maxAgeSeconds} s (WEBHOOK_MAX_AGE_SECONDS) is refused.` };
  if (at - now > MAX_FUTURE_SKEW_MS) return { refused: 'meta.occurred_at is in the future.' };
  return { at: new Date(at) };
}

/**
 * `POST /webhooks/:system`: the X-Hook-Secret handshake of a subscription casebridge registered
 * (echoed back when it matches the secret registration stored), and signed, recent deliveries,
 * verified on the raw body and stored durably (deduplicated by delivery id) before the 2xx. A
 * delivery is a notice: the worker reads the record it names from the legacy system; nothing here
 * touches the read model.
 */
export function webhookReceiver(options: WebhookReceiverOptions): Router {
  const { dataSource, logger } = options;
  const router = Router();
  let waitingHandshakes = 0;

  /** The subscription a handshake names, waited for only while a registration is in flight. */
  async function awaitSubscription(system: string, id: string): Promise<Subscription | undefined> {
    let subscription = await findSubscription(dataSource, system, id);
    if (subscription?.secret || waitingHandshakes >= MAX_WAITING_HANDSHAKES || !(await registrationInFlight(dataSource, system))) return subscription;
    waitingHandshakes += 1;
    try {
      for (const pause of HANDSHAKE_RETRY_MS) {
        await new Promise((resolve) => setTimeout(resolve, pause));
        subscription = await findSubscription(dataSource, system, id);
        if (subscription?.secret) break;
      }
      return subscription;
    } finally {
      waitingHandshakes -= 1;
    }
  }

  const audit = (req: Request, system: string, started: number, outcome: 'SUCCESS' | 'DENIED' | 'ERROR', code?: string) =>
    options.audit?.record({
      at: new Date(started), kind: 'WEBHOOK', accountId: null, email: null, role: null, clientId: null,
      operationName: `webhook:${system}`, operationHash: null, variables: null, outcome, errorCodes: code ? [code] : [],
      durationMs: Date.now() - started, address: req.ip ?? null, userAgent: req.get('user-agent') ?? null,
    });

  async function handshake(req: Request, res: Response, system: string, secret: string, started: number): Promise<void> {
    const body = handshakeBody.safeParse(parseJson(req.body as Buffer));
    if (!body.success) {
      res.status(400).json({ error: 'A handshake names its webhook in meta.webhook_id.' });
      return;
    }
    const id = body.data.meta.webhook_id;
    const subscription = await awaitSubscription(system, id);
    if (!subscription?.secret || !secretMatches(subscription.secret, secret)) {
      logger.warn({ system, webhookId: id }, 'refused a webhook handshake for a subscription casebridge did not register');
      audit(req, system, started, 'DENIED', 'UNKNOWN_SUBSCRIPTION');
      res.status(401).json({ error: 'Unknown webhook subscription.' });
      return;
    }
    await markHandshake(dataSource, system, id);
    audit(req, system, started, 'SUCCESS');
    res.status(200).set('X-Hook-Secret', secret).json({ ok: true });
  }

  async function delivery(req: Request, res: Response, system: string, started: number): Promise<void> {
    const raw = req.body as Buffer;
    const body = deliveryBody.safeParse(parseJson(raw));
    const subscription = body.success ? await findSubscription(dataSource, system, body.data.meta.webhook_id) : undefined;
    const signature = req.get('x-hook-signature');
    if (!body.success || !subscription?.secret || !subscription.model || !signatureMatches(raw, subscription.secret, signature)) {
      logger.warn({ system, signed: Boolean(signature) }, 'refused a webhook delivery without a valid signature');
      audit(req, system, started, 'DENIED', 'BAD_SIGNATURE');
      res.status(401).json({ error: 'Missing or invalid X-Hook-Signature.' });
      return;
    }
    const { data, meta } = body.data;
    const time = deliveryTime(meta.occurred_at, options.maxAgeSeconds);
    if ('refused' in time) {
      logger.warn({ system, deliveryId: meta.delivery_id, occurredAt: meta.occurred_at }, 'refused a stale or undated webhook delivery');
      audit(req, system, started, 'DENIED', 'STALE_DELIVERY');
      res.status(400).json({ error: time.refused });
      return;
    }
    const stored = await storeDelivery(dataSource, {
      system,
      deliveryId: meta.delivery_id,
      legacyWebhookId: meta.webhook_id,
      model: subscription.model,
      event: meta.event,
      objectId: data.id === undefined || data.id === null ? null : String(data.id as string | number),
      occurredAt: time.at,
      payload: body.data,
    });
    audit(req, system, started, 'SUCCESS');
    res.status(stored ? 202 : 200).json({ ok: true, duplicate: !stored });
  }

  const throttle: RequestHandler = options.throttle ?? ((_req, _res, next) => next());
  router.post('/webhooks/:system', throttle, express.raw({ type: () => true, limit: '1mb' }), (req, res, next) => {
    const started = Date.now();
    const system = String(req.params.system);
    if (!WEBHOOK_SYSTEMS.includes(system)) {
      res.status(404).json({ error: `No webhooks are received for "${system}".` });
      return;
    }
    if (!Buffer.isBuffer(req.body)) req.body = Buffer.alloc(0);
    const secret = req.get('x-hook-secret');
    const work = secret ? handshake(req, res, system, secret, started) : delivery(req, res, system, started);
    work.catch((error: unknown) => {
      audit(req, system, started, 'ERROR', 'INTERNAL_SERVER_ERROR');
      next(error);
    });
  });
  return router;
}
