import type { EntityManager } from 'typeorm';
import { announceReadModelChange, clientTag, recordEvents, type DomainEvent, type DomainEventType, type NewDomainEvent } from '../../../shared/events/index.js';
import { findMatterUpdates, type PublishedMatterUpdate } from '../../matters/published-queries.js';
import type { NotificationStatus } from '../entities/index.js';
import { preferencesOf } from './preferences.js';
import { dueAt } from './schedule.js';

/** The outbox events the notifications context acts on. */
export const NOTIFICATION_EVENT_TYPES: readonly DomainEventType[] = ['update.published', 'update.withdrawn'];

export interface ConsumeOutcome {
  added: number;
  /** Notifications that may leave now (urgent, or IMMEDIATE): the caller should deliver soon. */
  dueNow: number;
}

/**
 * Turns a batch of update events into notifications, inside the consumer's transaction (so the
 * notifications, their `notification.added` events and the consumer's position commit together):
 * - each announced update becomes one notification for its matter's client (PENDING until its
 *   due time, or PORTAL_ONLY when the client wants no email);
 * - `update.withdrawn`, or a newer update superseding an older one, withdraws a notification not
 *   yet claimed for mail. When the superseded one had not gone out either (a hearing announced then
 *   cancelled before the digest), the client never heard of it, so the superseding one is not news
 *   either and is withdrawn with it. Once mail has it, the superseding update is sent as news.
 */
export async function handleUpdateEvents(
  manager: EntityManager, events: readonly DomainEvent[], options: { windowSeconds: number; now?: Date },
): Promise<ConsumeOutcome> {
  const now = options.now ?? new Date();
  const publishedIds = events.flatMap((e) => (e.type === 'update.published' ? [e.payload.updateId] : []));
  const updates = new Map((await findMatterUpdates(manager, publishedIds)).map((u) => [u.id, u]));
  const superseded = [...new Set([...updates.values()].flatMap((u) => (u.supersedesId && !updates.has(u.supersedesId) ? [u.supersedesId] : [])))];
  for (const u of await findMatterUpdates(manager, superseded)) updates.set(u.id, u);
  const clientIds = [...new Set([...updates.values()].map((u) => u.clientId))];
  const preferences = await preferencesOf(manager, clientIds);
  const batchDue = await openBatches(manager, clientIds);
  const added: NewDomainEvent[] = [];
  let dueNow = 0;

  for (const event of events) {
    if (event.type === 'update.withdrawn') {
      await withdraw(manager, event.payload.updateId);
      continue;
    }
    if (event.type !== 'update.published') continue;
    const update = updates.get(event.payload.updateId);
    if (!update || !update.announce || update.withdrawnAt) continue;
    const wanted = preferences.get(update.clientId)!;
    let status: NotificationStatus = wanted.frequency === 'OFF' ? 'PORTAL_ONLY' : 'PENDING';
    if (update.supersedesId && await clientNeverHeardOf(manager, updates.get(update.supersedesId))) status = 'WITHDRAWN';
    let due: Date | null = null;
    if (status === 'PENDING') {
      // A non-urgent notification joins the client's waiting digest, so a burst leaves as one.
      due = update.urgent ? now : batchDue.get(update.clientId) ?? dueAt(wanted, now, { urgent: false, windowSeconds: options.windowSeconds });
      if (!update.urgent && due) batchDue.set(update.clientId, due);
      if (due && due.getTime() <= now.getTime()) dueNow += 1;
    }
    const id = await insertNotification(manager, update, status, due);
    if (id && status !== 'WITHDRAWN') {
      added.push({
        type: 'notification.added',
        subject: `notification:${id}`,
        matterId: update.matterId,
        clientId: update.clientId,
        occurredAt: now,
        payload: { notificationId: id, clientId: update.clientId, matterId: update.matterId },
        dedupeKey: `notification.added:${id}`,
      });
    }
  }
  await recordEvents(manager, added);
  return { added: added.length, dueNow };
}

/** The due time of each client's waiting (non-urgent) notifications. */
async function openBatches(manager: EntityManager, clientIds: readonly string[]): Promise<Map<string, Date>> {
  if (clientIds.length === 0) return new Map();
  const rows: Array<{ client_id: string; due: Date }> = await manager.query(
    `SELECT client_id, min(due_at) AS due FROM notifications.notifications
      WHERE client_id = ANY($1::text[]) AND status = 'PENDING' AND NOT urgent AND due_at IS NOT NULL GROUP BY client_id`,
    [clientIds],
  );
  return new Map(rows.map((r) => [r.client_id, new Date(r.due)]));
}

/**
 * Whether the client was never told of a superseded update, withdrawing its notification if no
 * mail has it yet. Never told: its notification was withdrawn (now or before), or it has none
 * though it was announced (withdrawn before this consumer reached it). An update that was never
 * announced (history) leaves the superseding one as news.
 */
async function clientNeverHeardOf(manager: EntityManager, superseded: PublishedMatterUpdate | undefined): Promise<boolean> {
  if (!superseded) return false;
  if (await withdraw(manager, superseded.id)) return true;
  const [existing]: Array<{ status: NotificationStatus }> = await manager.query(
    `SELECT status FROM notifications.notifications WHERE update_id = $1`, [superseded.id],
  );
  return existing ? existing.status === 'WITHDRAWN' : superseded.announce;
}

/** Withdraws the notification of an update if no mail has it yet; whether it did. */
async function withdraw(manager: EntityManager, updateId: string): Promise<boolean> {
  const [rows]: [unknown[], number] = await manager.query(
    `UPDATE notifications.notifications SET status = 'WITHDRAWN', due_at = NULL
      WHERE update_id = $1 AND status IN ('PENDING', 'PORTAL_ONLY') RETURNING id, client_id`,
    [updateId],
  );
  await announceReadModelChange(manager, (rows as Array<{ client_id: string }>).map((row) => clientTag(row.client_id)));
  return rows.length > 0;
}

/** created_at is the clock's, not the transaction's: a batch keeps its order in the portal and in mail. */
async function insertNotification(manager: EntityManager, u: PublishedMatterUpdate, status: NotificationStatus, due: Date | null): Promise<string | null> {
  const rows: Array<{ id: string }> = await manager.query(
    `INSERT INTO notifications.notifications
       (client_id, matter_id, title, body, update_id, urgent, category, matter_number, matter_title, status, due_at, translations, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, clock_timestamp())
     ON CONFLICT (update_id) DO NOTHING RETURNING id`,
    [u.clientId, u.matterId, u.title, u.body, u.id, u.urgent, u.category, u.matterNumber, u.matterTitle, status, due, JSON.stringify(u.translations)],
  );
  return rows[0]?.id ?? null;
}
