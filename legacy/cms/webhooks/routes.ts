import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { parseFields } from '../../http/clio/fields.js';
import { sendList, sendRecord } from '../../http/clio/list.js';
import { parseData, stamp } from '../../http/clio/validate.js';
import { viewOf } from '../../http/clio/view.js';
import { HttpError, notFound, unprocessable } from '../../http/errors.js';
import type { Store } from '../../store/store.js';
import type { Table } from '../../store/table.js';
import type { WebhookDispatcher } from './dispatcher.js';
import {
  DEFAULT_LIFETIME_MS,
  MAX_LIFETIME_MS,
  WEBHOOK_EVENTS,
  WEBHOOK_ID_BASE,
  webhookCreateSchema,
  webhookResource,
  webhookUpdateSchema,
  type ModelSource,
  type Webhook,
  type WebhookModel,
} from './model.js';

export interface WebhookRoutesOptions {
  store: Store;
  webhooks: Table<Webhook>;
  sources: Readonly<Record<WebhookModel, ModelSource>>;
  dispatcher: WebhookDispatcher;
}

/** `expires_at` as given, or the default; in the past or beyond 31 days is a 422. */
function expiry(given: string | undefined, now: number): string {
  if (given === undefined) return new Date(now + DEFAULT_LIFETIME_MS).toISOString();
  const ms = Date.parse(given);
  if (ms <= now) throw unprocessable('Validation failed: expires_at must be in the future');
  if (ms > now + MAX_LIFETIME_MS) throw unprocessable('Validation failed: expires_at must be at most 31 days from now');
  return new Date(ms).toISOString();
}

/**
 * Clio's `/webhooks.json`: create (then the handshake), list, show, update (a changed URL or a
 * webhook that is not enabled goes through the handshake again), delete.
 */
export function webhookRoutes(options: WebhookRoutesOptions): Router {
  const { store, webhooks, sources, dispatcher } = options;
  const resource = webhookResource(store, webhooks);
  const router = Router();

  const checkFields = (fields: string, model: WebhookModel, version: number): string => {
    try {
      parseFields(fields, sources[model].spec(version));
    } catch (error) {
      if (error instanceof HttpError) throw unprocessable(`Validation failed: fields: ${error.message}`);
      throw error;
    }
    return fields;
  };
  const find = (text: string | undefined): Webhook => {
    const hook = /^\d+$/.test(text ?? '') ? webhooks.get(Number(text)) : undefined;
    if (!hook) throw notFound(`No webhook with id ${text}`);
    return hook;
  };

  router.get('/webhooks.json', (req, res) => sendList(req, res, resource));
  router.get('/webhooks/:id.json', (req, res) => sendRecord(req, res, resource, find(req.params.id)));

  router.post('/webhooks.json', (req, res) => {
    const data = parseData(webhookCreateSchema, req.body);
    const now = Date.now();
    const fields = checkFields(data.fields ?? 'id,etag', data.model, viewOf(res).version);
    const id = Math.max(webhooks.maxOrder(), WEBHOOK_ID_BASE) + 1;
    const created = stamp('webhook', id);
    const hook = webhooks.insert({
      id,
      etag: created.etag,
      created_at: created.updated_at,
      updated_at: created.updated_at,
      url: data.url,
      model: data.model,
      events: data.events ?? [...WEBHOOK_EVENTS],
      fields,
      shared_secret: randomBytes(24).toString('hex'),
      status: 'pending',
      expires_at: expiry(data.expires_at, now),
      user: store.users.all()[0] ? { id: store.users.all()[0]!.id } : null,
    });
    sendRecord(req, res, resource, hook, 201);
    dispatcher.handshake(hook.id);
  });

  router.patch('/webhooks/:id.json', (req, res) => {
    const hook = find(req.params.id);
    const data = parseData(webhookUpdateSchema, req.body);
    const model = data.model ?? hook.model;
    const changes: Partial<Webhook> = {};
    if (data.url !== undefined) changes.url = data.url;
    if (data.events !== undefined) changes.events = data.events;
    if (data.model !== undefined || data.fields !== undefined) {
      changes.model = model;
      changes.fields = checkFields(data.fields ?? hook.fields, model, viewOf(res).version);
    }
    if (data.expires_at !== undefined) changes.expires_at = expiry(data.expires_at, Date.now());
    const rehandshake = (changes.url !== undefined && changes.url !== hook.url) || hook.status !== 'enabled';
    if (rehandshake) changes.status = 'pending';
    webhooks.update(hook.id, { ...changes, ...stamp('webhook', hook.id) });
    sendRecord(req, res, resource, hook);
    if (rehandshake) dispatcher.handshake(hook.id);
  });

  router.delete('/webhooks/:id.json', (req, res) => {
    webhooks.remove(find(req.params.id).id);
    res.status(204).end();
  });
  return router;
}
