import express, { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { AuditLog } from '../../../shared/audit/index.js';
import type { Logger } from '../../../shared/logger.js';
import { secretMatches, signatureMatches } from './signature.js';
import { findSubscription, markHandshake, storeDelivery } from './store.js';

/** The legacy systems that send webhooks (only the CMS offers them). */
export const WEBHOOK_SYSTEMS: readonly string[] = ['cms'];

const handshakeBody = z.object({ meta: z.object({ webhook_id: z.union([z.number(), z.string()]).transform(String) }) });
const deliveryBody = z.object({
  data: z.record(z.string(), z.unknown()),
  meta: z.object({
    event: z.enum(['created', 'updated', 'deleted']),
    webhook_id: z.union([z.number(), z.string()]).transform(String),
    delivery_id: z.string().min(1).max(200),
    occurred_at: z.string().nullish(),
  }),
});

/** The handshake can overtake registration storing its answer: wait this long for the subscription row. */
const HANDSHAKE_WAIT_MS = 3000;

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
}

/**
 * `POST /webhooks/:system`: the X-Hook-Secret handshake of a subscription casebridge registered
 * (echoed back when it matches the secret registration stored), and signed deliveries, verified on
 * the raw body and stored durably (deduplicated by delivery id) before the 2xx. The worker
 * processes stored deliveries; nothing here touches the read model.
 */
export function webhookReceiver(options: WebhookReceiverOptions): Router {
  const { dataSource, logger } = options;
  const router = Router();

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
    const deadline = Date.now() + HANDSHAKE_WAIT_MS;
    let subscription = await findSubscription(dataSource, system, id);
    while (!subscription?.secret && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      subscription = await findSubscription(dataSource, system, id);
    }
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
    const occurredAt = meta.occurred_at ? new Date(meta.occurred_at) : null;
    const stored = await storeDelivery(dataSource, {
      system,
      deliveryId: meta.delivery_id,
      legacyWebhookId: meta.webhook_id,
      model: subscription.model,
      event: meta.event,
      objectId: data.id === undefined || data.id === null ? null : String(data.id as string | number),
      occurredAt: occurredAt && !Number.isNaN(occurredAt.getTime()) ? occurredAt : null,
      payload: body.data,
    });
    audit(req, system, started, 'SUCCESS');
    res.status(stored ? 202 : 200).json({ ok: true, duplicate: !stored });
  }

  router.post('/webhooks/:system', express.raw({ type: () => true, limit: '1mb' }), (req, res, next) => {
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
