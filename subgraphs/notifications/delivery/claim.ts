import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { announceReadModelChange, clientTag } from '../../../shared/events/index.js';
import { clientContacts } from '../../matters/published-queries.js';
import type { DeliveryKind } from '../entities/index.js';
import { preferencesOf } from './preferences.js';
import { renderMail, type MailBranding, type MailItem } from './render.js';

/** Clients whose due notifications one transaction claims. */
const CLIENTS_PER_CLAIM = 500;
const INSERT_CHUNK = 500;

/** An update's words in other languages than English, by language. */
type Translations = Partial<Record<string, { title: string; body: string }>>;

interface DueRow extends MailItem {
  id: string;
  client_id: string;
  urgent: boolean;
}

interface NewDelivery {
  id: string;
  clientId: string;
  kind: DeliveryKind;
  to: string;
  subject: string;
  text: string;
  html: string;
  notificationIds: string[];
}

/** The Message-ID of a delivery: a function of its id alone, so every attempt carries the same one. */
export const messageIdOf = (deliveryId: string, domain: string) => `<notification-${deliveryId}@${domain}>`;

/**
 * Claims every due notification of up to CLIENTS_PER_CLAIM clients into deliveries, in one
 * transaction: rows are locked FOR UPDATE SKIP LOCKED, so a worker claiming at the same time takes
 * other rows, never these; each claimed notification gets its one delivery_id. A client's due
 * non-urgent notifications become one message (their digest, or their IMMEDIATE message), each
 * urgent one a message of its own. The mail is rendered here and stored with the delivery, so a
 * resend after a crash is the very same message. A client without an email address keeps the
 * notifications in the portal only. Returns how many notifications it claimed (0: none left).
 */
export async function claimDueNotifications(dataSource: DataSource, brand: MailBranding & { messageDomain: string }): Promise<{ notifications: number; deliveries: number }> {
  return dataSource.transaction(async (manager) => {
    // Clients with due rows no other worker is claiming right now (theirs are locked, so skipped).
    const clients: Array<{ client_id: string }> = await manager.query(
      `SELECT DISTINCT client_id FROM (
         SELECT client_id FROM notifications.notifications WHERE status = 'PENDING' AND due_at <= now()
          LIMIT $1 FOR UPDATE SKIP LOCKED) due
        LIMIT $2`,
      [CLIENTS_PER_CLAIM * 10, CLIENTS_PER_CLAIM],
    );
    if (clients.length === 0) return { notifications: 0, deliveries: 0 };
    const rows: Array<DueRow & { matter_id: string | null; matter_number: string | null; matter_title: string | null; translations: Translations | null }> = await manager.query(
      `SELECT id, client_id, matter_id, matter_number, matter_title, title, body, translations, urgent FROM notifications.notifications
        WHERE status = 'PENDING' AND due_at <= now() AND client_id = ANY($1::text[])
        ORDER BY client_id, created_at, seq FOR UPDATE SKIP LOCKED`,
      [clients.map((c) => c.client_id)],
    );
    if (rows.length === 0) return { notifications: 0, deliveries: 0 };
    const ids = [...new Set(rows.map((r) => r.client_id))];
    const contacts = new Map((await clientContacts(manager, ids)).map((c) => [c.id, c]));
    const preferences = await preferencesOf(manager, ids);
    // Their emailStatus changes: those clients' cached answers go at commit.
    await announceReadModelChange(manager, clients.map((c) => clientTag(c.client_id)));
    const byClient = new Map<string, DueRow[]>();
    for (const r of rows) {
      // In the client's language when the update has its words in it; otherwise as written.
      const words = r.translations?.[preferences.get(r.client_id)!.language] ?? { title: r.title, body: r.body };
      const item: DueRow = { id: r.id, client_id: r.client_id, urgent: r.urgent, matterId: r.matter_id, matterNumber: r.matter_number, matterTitle: r.matter_title, ...words };
      const items = byClient.get(r.client_id);
      if (items) items.push(item);
      else byClient.set(r.client_id, [item]);
    }

    const deliveries: NewDelivery[] = [];
    const unreachable: string[] = [];
    for (const [clientId, items] of byClient) {
      const contact = contacts.get(clientId);
      if (!contact?.email) {
        unreachable.push(...items.map((i) => i.id));
        continue;
      }
      const { frequency, language } = preferences.get(clientId)!;
      const add = (kind: DeliveryKind, group: DueRow[]) => {
        const mail = renderMail(kind, frequency, contact.name, group, brand, language);
        deliveries.push({ id: randomUUID(), clientId, kind, to: contact.email!, subject: mail.subject, text: mail.text, html: mail.html, notificationIds: group.map((i) => i.id) });
      };
      for (const urgent of items.filter((i) => i.urgent)) add('URGENT', [urgent]);
      const rest = items.filter((i) => !i.urgent);
      if (rest.length) add(frequency === 'IMMEDIATE' ? 'IMMEDIATE' : 'DIGEST', rest);
    }
    await insertDeliveries(manager, deliveries, brand.messageDomain);
    if (unreachable.length) {
      await manager.query(`UPDATE notifications.notifications SET status = 'PORTAL_ONLY', due_at = NULL WHERE id = ANY($1::uuid[])`, [unreachable]);
    }
    return { notifications: rows.length, deliveries: deliveries.length };
  });
}

async function insertDeliveries(manager: EntityManager, deliveries: readonly NewDelivery[], domain: string): Promise<void> {
  for (let start = 0; start < deliveries.length; start += INSERT_CHUNK) {
    const chunk = deliveries.slice(start, start + INSERT_CHUNK);
    // locked_until = now(): free for any sender at once.
    await manager.query(
      `INSERT INTO notifications.deliveries (id, client_id, kind, message_id, to_address, subject, text, html, item_count, locked_until)
       SELECT * , now() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[])`,
      [
        chunk.map((d) => d.id), chunk.map((d) => d.clientId), chunk.map((d) => d.kind), chunk.map((d) => messageIdOf(d.id, domain)),
        chunk.map((d) => d.to), chunk.map((d) => d.subject), chunk.map((d) => d.text), chunk.map((d) => d.html), chunk.map((d) => d.notificationIds.length),
      ],
    );
    const pairs = chunk.flatMap((d) => d.notificationIds.map((n) => [n, d.id] as const));
    await manager.query(
      `UPDATE notifications.notifications n SET status = 'CLAIMED', delivery_id = v.delivery_id
         FROM unnest($1::uuid[], $2::uuid[]) AS v(id, delivery_id) WHERE n.id = v.id`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
  }
}
