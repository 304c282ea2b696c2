import type { DataSource } from 'typeorm';
import { currentTraceparent } from '../../../shared/observability/tracing.js';

export interface Subscription {
  model: string | null;
  secret: string | null;
}

/** The subscription a delivery or handshake names, with the secret registration stored. */
export async function findSubscription(dataSource: DataSource, system: string, legacyWebhookId: string): Promise<Subscription | undefined> {
  const [row] = await dataSource.query(
    `SELECT model, secret FROM sync.webhook_subscriptions WHERE system = $1 AND legacy_webhook_id = $2 AND status <> 'REMOVED'`,
    [system, legacyWebhookId],
  ) as Subscription[];
  return row;
}

/** True while the worker is registering a webhook of this system (a handshake may overtake the stored answer). */
export async function registrationInFlight(dataSource: DataSource, system: string): Promise<boolean> {
  const rows: unknown[] = await dataSource.query(
    `SELECT 1 FROM sync.legacy_systems WHERE system = $1 AND webhook_registering_until > now()`,
    [system],
  );
  return rows.length > 0;
}

export async function markHandshake(dataSource: DataSource, system: string, legacyWebhookId: string): Promise<void> {
  await dataSource.query(
    `UPDATE sync.webhook_subscriptions SET status = 'ENABLED', handshake_at = now(), updated_at = now() WHERE system = $1 AND legacy_webhook_id = $2`,
    [system, legacyWebhookId],
  );
}

export interface NewDelivery {
  system: string;
  deliveryId: string;
  legacyWebhookId: string;
  model: string;
  event: string;
  objectId: string | null;
  occurredAt: Date | null;
  payload: unknown;
}

/**
 * Stores a delivery once; returns false when its delivery id was already stored (a re-delivery).
 * The receiving request's trace context is stored with it: the worker's processing continues it.
 */
export async function storeDelivery(dataSource: DataSource, d: NewDelivery): Promise<boolean> {
  const rows: unknown[] = await dataSource.query(
    `INSERT INTO sync.webhook_deliveries (system, delivery_id, legacy_webhook_id, model, event, object_id, occurred_at, payload, trace_context)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
     ON CONFLICT (system, delivery_id) DO NOTHING RETURNING id`,
    [d.system, d.deliveryId, d.legacyWebhookId, d.model, d.event, d.objectId, d.occurredAt, JSON.stringify(d.payload), currentTraceparent()],
  );
  return rows.length > 0;
}
