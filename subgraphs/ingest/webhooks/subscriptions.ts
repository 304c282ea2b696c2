import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { clioPages, legacyId, type LegacyHttpClient } from '../../../shared/legacy-http/index.js';
import type { Logger } from '../../../shared/logger.js';
import type { WebhookModel } from './model.js';

const WEBHOOKS_PATH = 'api/v4/webhooks.json';
const hookSchema = z.object({
  id: legacyId,
  url: z.string(),
  model: z.string(),
  fields: z.string().nullish(),
  status: z.string(),
  expires_at: z.string(),
  shared_secret: z.string().min(1),
});
type Hook = z.infer<typeof hookSchema>;
const HOOK_FIELDS = 'id,url,model,fields,status,expires_at,shared_secret';
const one = z.object({ data: hookSchema });
const nothing = z.unknown();

export interface SubscriptionOptions {
  dataSource: DataSource;
  http: LegacyHttpClient;
  /** The public base URL the legacy system reaches the gateway at. */
  baseUrl: string;
  models: Readonly<Record<string, WebhookModel>>;
  lifetimeDays: number;
  logger: Logger;
  now?: () => number;
}

/** How long a handshake for a subscription not stored yet is waited for after registration starts a call. */
const REGISTRATION_WINDOW_SECONDS = 10;

/** Tells the receiver (any gateway) that a handshake may overtake the answer it belongs to; null closes the window. */
async function registrationWindow(dataSource: DataSource, system: string, seconds: number | null): Promise<void> {
  await dataSource.query(
    `INSERT INTO sync.legacy_systems (system, webhook_registering_until) VALUES ($1, now() + make_interval(secs => $2))
     ON CONFLICT (system) DO UPDATE SET webhook_registering_until = EXCLUDED.webhook_registering_until`,
    [system, seconds],
  );
}

export const webhookUrl = (baseUrl: string, system: string) => `${baseUrl.replace(/\/+$/, '')}/webhooks/${system}`;

async function store(dataSource: DataSource, system: string, model: string, hook: Hook, status: string): Promise<void> {
  await dataSource.query(
    `INSERT INTO sync.webhook_subscriptions (system, model, legacy_webhook_id, secret, url, fields, expires_at, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (system, legacy_webhook_id) DO UPDATE SET model = EXCLUDED.model, secret = EXCLUDED.secret, url = EXCLUDED.url,
       fields = EXCLUDED.fields, expires_at = EXCLUDED.expires_at, last_error = NULL, updated_at = now(),
       status = CASE WHEN sync.webhook_subscriptions.handshake_at IS NOT NULL AND EXCLUDED.status <> 'REMOVED' THEN 'ENABLED' ELSE EXCLUDED.status END`,
    [system, model, hook.id, hook.shared_secret, hook.url, hook.fields ?? null, new Date(hook.expires_at), status],
  );
}

/**
 * Registers and renews the CMS subscriptions casebridge needs, idempotently (on start and on a
 * schedule): one webhook per model at our URL with the `fields` our schemas need. A missing one
 * is created, one expiring within half its lifetime (or never enabled) is renewed by PATCH —
 * which also repeats the handshake — and duplicates or stale ones at our URL are deleted.
 */
export async function ensureWebhookSubscriptions(options: SubscriptionOptions): Promise<void> {
  const { dataSource, http, models, logger } = options;
  const system = http.system;
  const now = options.now ?? Date.now;
  const url = webhookUrl(options.baseUrl, system);
  const lifetimeMs = options.lifetimeDays * 86_400_000;
  const expiresAt = () => new Date(now() + lifetimeMs - 60_000).toISOString();

  const existing: Hook[] = [];
  for await (const page of clioPages(http, WEBHOOKS_PATH, { fields: HOOK_FIELDS, limit: 200 }, hookSchema)) existing.push(...page.records);
  const ours = existing.filter((h) => h.url === url);
  const kept = new Set<string>();

  for (const [model, spec] of Object.entries(models)) {
    const candidates = ours.filter((h) => h.model === model && h.fields === spec.fields);
    const current = candidates.find((h) => h.status === 'enabled') ?? candidates[0];
    let hook: Hook;
    if (!current) {
      // The new webhook's handshake can arrive before this call's answer is stored below.
      await registrationWindow(dataSource, system, REGISTRATION_WINDOW_SECONDS);
      hook = (await http.request('POST', WEBHOOKS_PATH, one, {
        query: { fields: HOOK_FIELDS },
        body: { data: { url, model, events: ['created', 'updated', 'deleted'], fields: spec.fields, expires_at: expiresAt() } },
      })).data;
      logger.info({ system, model, webhookId: hook.id }, 'webhook subscription registered');
    } else if (current.status !== 'enabled' || Date.parse(current.expires_at) - now() < lifetimeMs / 2) {
      // Store first: the PATCH may trigger a handshake that looks for this row.
      await store(dataSource, system, model, current, 'PENDING');
      hook = (await http.request('PATCH', `api/v4/webhooks/${current.id}.json`, one, { query: { fields: HOOK_FIELDS }, body: { data: { expires_at: expiresAt() } } })).data;
      logger.info({ system, model, webhookId: hook.id, expiresAt: hook.expires_at }, 'webhook subscription renewed');
    } else {
      hook = current;
    }
    await store(dataSource, system, model, hook, hook.status === 'enabled' ? 'ENABLED' : 'PENDING');
    kept.add(hook.id);
  }
  await registrationWindow(dataSource, system, null);

  for (const stale of ours.filter((h) => !kept.has(h.id))) {
    await http.request('DELETE', `api/v4/webhooks/${stale.id}.json`, nothing).catch((error: unknown) => logger.warn({ err: error, webhookId: stale.id }, 'could not delete a stale webhook'));
  }
  await dataSource.query(
    `UPDATE sync.webhook_subscriptions SET status = 'REMOVED', updated_at = now() WHERE system = $1 AND NOT (legacy_webhook_id = ANY($2::text[])) AND status <> 'REMOVED'`,
    [system, [...kept]],
  );
}
