import type { DataSource } from 'typeorm';
import type { Config } from '../../../shared/config.js';
import { drainEvents } from '../../../shared/events/index.js';
import type { Logger } from '../../../shared/logger.js';
import type { Mailer } from '../../../shared/mail/index.js';
import { claimDueNotifications } from './claim.js';
import { handleUpdateEvents, NOTIFICATION_EVENT_TYPES } from './consume.js';
import { sendClaimedDeliveries, type SendOutcome } from './send.js';

export const NOTIFICATIONS_CONSUMER = 'notifications';

export interface Notifier {
  /** Turns the outbox's new update events into notifications; returns how many may leave now. */
  consume(): Promise<{ events: number; dueNow: number }>;
  /** Claims due notifications into deliveries and sends every delivery not yet sent (retries included). */
  deliver(): Promise<SendOutcome & { claimed: number }>;
}

/** The domain of Message-IDs: the sender's (MAIL_FROM), so they are ours. */
export function messageDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'casebridge.invalid';
}

/**
 * The notifications context's delivery, as plain functions the worker's jobs call: the outbox
 * consumer and the digest sender. Safe to run in several processes at once (see claim.ts, send.ts).
 */
export function createNotifier(deps: { dataSource: DataSource; mailer: Mailer; config: Config; logger: Logger; concurrency?: number }): Notifier {
  const { dataSource, mailer, config, logger } = deps;
  const { portalUrl, digestWindowSeconds, retrySeconds } = config.notifications;
  const brand = { firmName: config.mail.firmName, portalUrl, messageDomain: messageDomain(config.mail.from) };
  return {
    async consume() {
      let dueNow = 0;
      const events = await drainEvents(dataSource, { consumer: NOTIFICATIONS_CONSUMER, types: NOTIFICATION_EVENT_TYPES }, async (manager, batch) => {
        dueNow += (await handleUpdateEvents(manager, batch, { windowSeconds: digestWindowSeconds })).dueNow;
      });
      return { events, dueNow };
    },
    async deliver() {
      let claimed = 0;
      for (;;) {
        const round = await claimDueNotifications(dataSource, brand);
        if (round.notifications === 0) break;
        claimed += round.deliveries;
      }
      const sent = await sendClaimedDeliveries(dataSource, mailer, {
        leaseMs: retrySeconds * 1000, retryBaseMs: retrySeconds * 1000, concurrency: deps.concurrency ?? 4, portalUrl,
      }, logger);
      if (claimed || sent.sent || sent.failed) logger.info({ claimed, ...sent }, 'notification mail delivered');
      return { claimed, ...sent };
    },
  };
}
