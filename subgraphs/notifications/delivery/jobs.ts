import type { Agenda, Job } from 'agenda';
import type { DataSource } from 'typeorm';
import type { Config } from '../../../shared/config.js';
import type { OutboxDispatcher } from '../../../shared/events/index.js';
import type { Logger } from '../../../shared/logger.js';
import { createMailer } from '../../../shared/mail/index.js';
import { serialized } from '../../../shared/serialized.js';
import { createNotifier, type Notifier } from './notifier.js';

export const DELIVER_JOB = 'notifications:deliver';
/** Messages in flight at once, per worker (pooled SMTP connections). */
const SEND_CONCURRENCY = 4;

export interface NotificationJobs {
  notifier: Notifier;
  /** Runs a delivery now (after any running one); resolves when it is done. */
  deliverNow(): Promise<void>;
  /** After agenda.start(): schedules the delivery job and starts consuming the outbox. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The notifications side of the worker: the outbox consumer (woken by LISTEN, polling on PGlite)
 * writes notifications, and the Agenda job `notifications:deliver` (every NOTIFY_POLL_SECONDS,
 * and at once when the consumer has urgent or immediate mail) claims due digests and sends them.
 * Both are plain functions of the notifications context; several workers may run them at once.
 */
export function defineNotificationJobs(agenda: Agenda, deps: {
  dataSource: DataSource; dispatcher: OutboxDispatcher; embedded: boolean; config: Config; logger: Logger; lockLifetimeMs: number;
}): NotificationJobs {
  const { config } = deps;
  const logger = deps.logger.child({ component: 'notifications' });
  // SMTP steps get nodemailer's timeouts (10 minutes of silence, as RFC 5321 allows a server for the
  // final "."), not the lease's: a sender keeps renewing its lease while it waits (delivery/lease.ts),
  // so a slow relay that accepts the message never has it counted failed and sent again.
  const mailer = createMailer(config, logger, { poolSize: SEND_CONCURRENCY });
  const notifier = createNotifier({ dataSource: deps.dataSource, mailer, config, logger, concurrency: SEND_CONCURRENCY });

  // One delivery at a time in this process; a request during a run asks for one more run.
  const delivery = serialized(() => notifier.deliver());
  const deliverNow = delivery.run;

  agenda.define(DELIVER_JOB, async (job: Job) => {
    // A long run (thousands of digests) keeps its lock; were it lost, the claims still keep every message to one sender.
    const heartbeat = setInterval(() => void job.touch().catch(() => undefined), deps.lockLifetimeMs / 3);
    heartbeat.unref();
    try {
      await deliverNow();
    } finally {
      clearInterval(heartbeat);
    }
  }, { concurrency: 1, lockLimit: 1, lockLifetime: deps.lockLifetimeMs });

  let stopConsuming: (() => Promise<void>) | undefined;
  return {
    notifier,
    deliverNow,
    async start() {
      await agenda.every(Math.max(100, Math.round(config.notifications.pollSeconds * 1000)), DELIVER_JOB);
      stopConsuming = deps.dispatcher.add({
        name: 'notifications',
        pollMs: deps.embedded ? 1000 : 5000,
        run: async () => {
          const { dueNow } = await notifier.consume();
          if (dueNow > 0) void deliverNow().catch((error: unknown) => logger.warn({ err: error }, 'delivery failed; the job retries'));
        },
      });
      // Anything a crashed worker claimed but did not mark sent goes out again once its lease ends.
      void deliverNow().catch((error: unknown) => logger.warn({ err: error }, 'delivery failed; the job retries'));
    },
    async close() {
      await stopConsuming?.();
      await delivery.idle();
      mailer.close();
    },
  };
}
