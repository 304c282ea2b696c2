import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../../../shared/logger.js';
import type { Mailer } from '../../../shared/mail/index.js';
import type { OutboundKind } from '../entities/index.js';

const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** The Message-ID of an intake email: a function of its id alone, so every attempt carries the same one. */
export const messageIdOf = (id: string, domain: string) => `<intake-${id}@${domain}>`;

/** Writes one email of a lead (at most one of each kind, ever), in the caller's transaction. Returns false when it existed. */
export async function writeOutbound(manager: EntityManager, mail: { id: string; leadId: string; kind: OutboundKind; to: string; subject: string; text: string; domain: string }): Promise<boolean> {
  const inserted: Array<{ id: string }> = await manager.query(
    `INSERT INTO intake.outbound (id, lead_id, kind, message_id, to_address, subject, text) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (lead_id, kind) DO NOTHING RETURNING id`,
    [mail.id, mail.leadId, mail.kind, messageIdOf(mail.id, mail.domain), mail.to, mail.subject, mail.text],
  );
  return inserted.length > 0;
}

interface Taken {
  id: string;
  lead_id: string;
  kind: OutboundKind;
  message_id: string;
  to_address: string;
  subject: string;
  text: string;
  attempts: number;
}

/** Renews a taken email's lease while SMTP takes its time (a slow relay must not make another worker send it too). */
function holdLease(dataSource: DataSource, taken: Taken, leaseMs: number, logger: Logger): () => void {
  const timer = setInterval(() => {
    dataSource.query(
      `UPDATE intake.outbound SET locked_until = now() + $3 * interval '1 millisecond' WHERE id = $1 AND attempts = $2 AND status = 'CLAIMED'`,
      [taken.id, taken.attempts, leaseMs],
    ).catch((error: unknown) => logger.warn({ err: error, outbound: taken.id }, 'could not renew the lease of an intake email being sent'));
  }, Math.max(50, leaseMs / 3));
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Sends every intake email no sender owns, as notifications' deliveries are sent: take one with
 * an UPDATE … SKIP LOCKED that leases it (renewed while SMTP runs), hand it to SMTP, mark it SENT
 * (and a replied lead REPLIED) in one statement. A failed attempt is retried after a backoff. The
 * one window left — SMTP accepted, the worker died before the mark — resends the same message with
 * the same Message-ID, which receivers drop.
 */
export async function sendOutbound(dataSource: DataSource, mailer: Mailer, options: { leaseMs: number; retryBaseMs: number }, logger: Logger): Promise<{ sent: number; failed: number }> {
  const outcome = { sent: 0, failed: 0 };
  for (;;) {
    const [taken]: Taken[] = await dataSource.query(
      `UPDATE intake.outbound SET locked_until = now() + $1 * interval '1 millisecond', attempts = attempts + 1
        WHERE id = (SELECT id FROM intake.outbound WHERE status = 'CLAIMED' AND locked_until <= now()
                     ORDER BY locked_until, id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id, lead_id, kind, message_id, to_address, subject, text, attempts`,
      [options.leaseMs],
    ).then((result: [Taken[], number]) => result[0]);
    if (!taken) return outcome;
    const release = holdLease(dataSource, taken, options.leaseMs, logger);
    try {
      await mailer.send({ to: taken.to_address, subject: taken.subject, text: taken.text, messageId: taken.message_id });
    } catch (error) {
      release();
      outcome.failed += 1;
      const backoff = Math.min(options.retryBaseMs * 2 ** (taken.attempts - 1), MAX_BACKOFF_MS);
      logger.warn({ err: error, outbound: taken.id, attempts: taken.attempts, retryInMs: backoff }, 'intake email not accepted; it is retried later');
      await dataSource.query(
        `UPDATE intake.outbound SET locked_until = now() + $2 * interval '1 millisecond', last_error = $3 WHERE id = $1 AND attempts = $4 AND status = 'CLAIMED'`,
        [taken.id, backoff, error instanceof Error ? error.message : String(error), taken.attempts],
      );
      return outcome;
    }
    try {
      await dataSource.query(
        `WITH sent AS (UPDATE intake.outbound SET status = 'SENT', sent_at = now(), last_error = NULL WHERE id = $1 AND status = 'CLAIMED' RETURNING lead_id, kind)
         UPDATE intake.leads SET status = 'REPLIED' WHERE id IN (SELECT lead_id FROM sent WHERE kind = 'REPLY') AND status = 'ROUTED'`,
        [taken.id],
      );
    } finally {
      release();
    }
    outcome.sent += 1;
  }
}
