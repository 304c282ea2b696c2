import { z } from 'zod';
import type { FieldSpec } from '../../http/clio/fields.js';
import type { JsonObject } from '../../http/clio/json.js';
import type { ClioResource } from '../../http/clio/list.js';
import { specOf } from '../../http/clio/view.js';
import type { IsoDateTime, Ref } from '../../firm/types.js';
import type { Table, TableEvent } from '../../store/table.js';
import { renderUser, USER_FIELDS } from '../render.js';
import type { Store } from '../../store/store.js';

/** The models the simulator can watch (Clio's names); Clio's others are a 422 here. */
export const WEBHOOK_MODELS = ['matter', 'contact', 'calendar_entry', 'task', 'activity', 'bill'] as const;
export const WEBHOOK_EVENTS = ['created', 'updated', 'deleted'] as const;

export type WebhookModel = (typeof WEBHOOK_MODELS)[number];
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/**
 * pending: handshake under way or refused (no 2xx); enabled: the receiver answered the handshake
 * with a 2xx. Only enabled, unexpired webhooks get deliveries. (Clio's `suspended` is never set.)
 */
export type WebhookStatus = 'pending' | 'enabled';

export interface Webhook {
  id: number;
  etag: string;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
  url: string;
  model: WebhookModel;
  events: WebhookEvent[];
  fields: string;
  shared_secret: string;
  status: WebhookStatus;
  expires_at: IsoDateTime;
  user: Ref | null;
}

export const DEFAULT_LIFETIME_MS = 3 * 86_400_000;
export const MAX_LIFETIME_MS = 31 * 86_400_000;
/** Webhook ids live in their own range, like every other resource's. */
export const WEBHOOK_ID_BASE = 9_100_000;

const WEBHOOK_SCALARS = ['id', 'etag', 'url', 'fields', 'shared_secret', 'model', 'status', 'events', 'expires_at', 'created_at', 'updated_at'] as const;
const WEBHOOK_SPEC: FieldSpec = { scalars: WEBHOOK_SCALARS, nested: { user: USER_FIELDS } };

/** Webhooks read like any Clio resource, except that without `fields` they show every scalar. */
export function webhookResource(store: Store, table: Table<Webhook>): ClioResource<Webhook> {
  const render = (w: Webhook): JsonObject => {
    const user = w.user ? store.users.get(w.user.id) : undefined;
    return { ...w, events: [...w.events], user: user ? renderUser(user) : null };
  };
  return {
    name: 'webhooks',
    spec: WEBHOOK_SPEC,
    defaultFields: WEBHOOK_SCALARS.map((name) => ({ name, sub: null })),
    rows: () => table.all(),
    orderOf: (w) => w.id,
    render,
    updatedAt: (w) => w.updated_at,
  };
}

const url = z
  .string()
  .trim()
  .refine((text) => {
    try {
      return ['http:', 'https:'].includes(new URL(text).protocol);
    } catch {
      return false;
    }
  }, 'expected an absolute http(s) URL');
const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1).transform((list) => [...new Set(list)]);
const expiresAt = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 timestamp');
const model = z.string().refine((m): m is WebhookModel => (WEBHOOK_MODELS as readonly string[]).includes(m), `expected one of ${WEBHOOK_MODELS.join(', ')}`);

export const webhookCreateSchema = z
  .object({ url, model, events: events.optional(), fields: z.string().optional(), expires_at: expiresAt.optional() })
  .strict();
export const webhookUpdateSchema = z
  .object({ url, model, events, fields: z.string(), expires_at: expiresAt })
  .partial()
  .strict();

/** One watched model: its spec per version, and its writes as records rendered for a version. */
export interface ModelSource {
  resourceName: string;
  spec(version: number): FieldSpec;
  subscribe(listener: (event: TableEvent, render: (version: number) => JsonObject) => void): () => void;
}

export function modelSource<T>(table: Table<T>, resource: ClioResource<T>): ModelSource {
  return {
    resourceName: resource.name,
    spec: (version) => specOf(resource, version),
    subscribe: (listener) => table.watch((event, row) => listener(event, (version) => resource.render(row, version))),
  };
}
