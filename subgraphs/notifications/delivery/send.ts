import type { DataSource } from 'typeorm';
import { announceReadModelChange, clientTag } from '../../../shared/events/index.js';
import type { Logger } from '../../../shared/logger.js';
import type { Mailer } from '../../../shared/mail/index.js';
import { holdLease } from './lease.js';
import { preferencesLink } from './render.js';

const MAX_BACKOFF_MS = 60 * 60 * 1000;

export interface SendOptions {
  /** How long a sender owns a delivery it took without renewing it (renewed while its send runs, see lease.ts). */
  leaseMs: number;
  /** First retry delay after a failed attempt; doubles per attempt, at most an hour. */
  retryBaseMs: number;
  /** Messages in flight at once. */
  concurrency: number;
  portalUrl: string;
}

export interface SendOutcome {
  sent: number;
  failed: number;
}

interface Taken {
  id: string;
  message_id: string;
  to_address: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
  client_id: string;
}

/**
 * Sends every claimed delivery that no sender owns, `concurrency` at a time, each through three
 * short steps: take it (one UPDATE … SKIP LOCKED that leases it, so no other worker sends it
 * meanwhile; the lease is renewed for as long as SMTP takes), hand it to SMTP, mark it and its
 * notifications SENT (one statement). A failed
 * attempt leaves it CLAIMED with a later lease: it is retried then, by whichever worker comes.
 *
 * The one window that cannot be closed: SMTP accepts the message and the worker dies before the
 * mark commits (or the server's "250 OK" is lost on the wire). The lease then runs out, or the
 * attempt counts as failed, and the delivery is sent again — with the same Message-ID
 * (derived from the delivery id, see claim.ts) and the same content, so mail servers and clients
 * that deduplicate by Message-ID show it once. Nothing is ever lost; at worst that one message is
 * offered twice.
 */
export async function sendClaimedDeliveries(dataSource: DataSource, mailer: Mailer, options: SendOptions, logger: Logger): Promise<SendOutcome> {
  const outcome: SendOutcome = { sent: 0, failed: 0 };
  const headers = { 'List-Unsubscribe': `<${preferencesLink(options.portalUrl)}>` };
  const loop = async () => {
    for (;;) {
      const [taken]: Taken[] = await dataSource.query(
        `UPDATE notifications.deliveries SET locked_until = now() + $1 * interval '1 millisecond', attempts = attempts + 1
          WHERE id = (SELECT id FROM notifications.deliveries WHERE status = 'CLAIMED' AND locked_until <= now()
                       ORDER BY locked_until, id LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id, message_id, to_address, subject, text, html, attempts, client_id`,
        [options.leaseMs],
      ).then((result: [Taken[], number]) => result[0]);
      if (!taken) return;
      const release = holdLease(dataSource, taken, options.leaseMs, logger);
      try {
        await mailer.send({ to: taken.to_address, subject: taken.subject, text: taken.text, html: taken.html, messageId: taken.message_id, headers });
      } catch (error) {
        release();
        outcome.failed += 1;
        const backoff = Math.min(options.retryBaseMs * 2 ** (taken.attempts - 1), MAX_BACKOFF_MS);
        logger.warn({ err: error, delivery: taken.id, attempts: taken.attempts, retryInMs: backoff }, 'notification mail not accepted; it is retried later');
        await dataSource.query(
          `UPDATE notifications.deliveries SET locked_until = now() + $2 * interval '1 millisecond', last_error = $3 WHERE id = $1 AND attempts = $4 AND status = 'CLAIMED'`,
          [taken.id, backoff, error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error), taken.attempts],
        );
        // The server is likely down: leave the rest to the next run rather than fail them all now.
        return;
      }
      try {
        await dataSource.query(
          `WITH sent AS (UPDATE notifications.deliveries SET status = 'SENT', sent_at = now(), last_error = NULL WHERE id = $1 AND status = 'CLAIMED' RETURNING id)
           UPDATE notifications.notifications SET status = 'SENT' WHERE delivery_id IN (SELECT id FROM sent)`,
          [taken.id],
        );
        // The notifications' emailStatus is now SENT: that client's cached answers go.
        await announceReadModelChange(dataSource, [clientTag(taken.client_id)]);
      } finally {
        release();
      }
      outcome.sent += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, loop));
  return outcome;
}
