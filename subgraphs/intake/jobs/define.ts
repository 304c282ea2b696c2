import type { Agenda, Job } from 'agenda';
import type { DataSource } from 'typeorm';
import type { Config } from '../../../shared/config.js';
import type { OutboxDispatcher } from '../../../shared/events/index.js';
import { serialized } from '../../../shared/serialized.js';
import type { LegacyHttpClientOptions } from '../../../shared/legacy-http/index.js';
import type { Logger } from '../../../shared/logger.js';
import { createMailer } from '../../../shared/mail/index.js';
import { IntakeCmsClient, type CmsDirectory } from '../cms/client.js';
import { sendOutbound } from '../reply/send.js';
import { INTAKE_CHANNEL } from '../store.js';
import { pushReceivedLeads } from './push.js';
import { watchSlas } from './sla.js';

export const PUSH_JOB = 'intake:push';
export const SLA_JOB = 'intake:sla';
/** The users, groups and practice areas change rarely: read again at most this often. */
const DIRECTORY_TTL_MS = 5 * 60 * 1000;

export interface IntakeJobs {
  cms: IntakeCmsClient;
  /** Pushes due leads and sends due emails now (after any run in progress); resolves when done. */
  processNow(): Promise<void>;
  /** One SLA check now. */
  watchNow(): Promise<{ contacted: number; escalated: number }>;
  /** After agenda.start(): schedules the jobs and listens for new submissions. */
  start(): Promise<void>;
  /** One SLA check, then a push and send: the worker's runJobsNow('intake'). */
  runNow(): Promise<void>;
  close(): Promise<void>;
}

/** The domain of Message-IDs: the sender's (MAIL_FROM), so they are ours. */
const messageDomain = (from: string) => /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'casebridge.invalid';

/**
 * The intake side of the worker: `intake:push` (every INTAKE_POLL_SECONDS, and at once when a
 * submission is stored) pushes RECEIVED leads to the CMS and sends the replies; `intake:sla`
 * watches the follow-up tasks. Thin: the work is in push.ts, sla.ts and reply/send.ts, safe to run
 * in several workers at once.
 */
export function defineIntakeJobs(agenda: Agenda, deps: {
  dataSource: DataSource; dispatcher: OutboxDispatcher; embedded: boolean; config: Config; logger: Logger; lockLifetimeMs: number;
  /** The CMS client's options, as the worker makes them for its own CMS client. */
  cms: Omit<LegacyHttpClientOptions, 'system'>;
}): IntakeJobs {
  const { config, dataSource } = deps;
  const logger = deps.logger.child({ component: 'intake' });
  const cms = new IntakeCmsClient(deps.cms);
  const mailer = createMailer(config, logger, { poolSize: 2 });
  const retryMs = Math.round(config.notifications.retrySeconds * 1000);
  const mailDomain = messageDomain(config.mail.from);
  let cached: { at: number; directory: Promise<CmsDirectory> } | undefined;
  const directory = () => {
    if (!cached || Date.now() - cached.at > DIRECTORY_TTL_MS) {
      const loading = cms.directory();
      cached = { at: Date.now(), directory: loading };
      loading.catch(() => { cached = undefined; });
    }
    return cached.directory;
  };
  const common = { dataSource, cms, logger, firmName: config.mail.firmName, mailDomain };

  const sender = serialized(() => sendOutbound(dataSource, mailer, { leaseMs: retryMs, retryBaseMs: retryMs }, logger));
  const sendSoon = () => void sender.run().catch((error: unknown) => logger.warn({ err: error }, 'intake mail failed; the job retries'));
  const pusher = serialized(async () => {
    await pushReceivedLeads({ ...common, slaSecondsOverride: config.intake.slaSeconds, leaseMs: Math.max(60_000, deps.lockLifetimeMs), retryBaseMs: retryMs, directory, onRouted: sendSoon });
    await sender.run();
  });
  const processNow = pusher.run;
  const watchNow = async () => {
    const outcome = await watchSlas(common);
    if (outcome.escalated > 0) await sender.run();
    return outcome;
  };

  // A push paced by the CMS's rate limit runs for minutes: its heartbeat keeps Agenda's lock.
  const withHeartbeat = (run: () => Promise<unknown>) => async (job: Job) => {
    const heartbeat = setInterval(() => void job.touch().catch(() => undefined), deps.lockLifetimeMs / 3);
    heartbeat.unref();
    try {
      await run();
    } finally {
      clearInterval(heartbeat);
    }
  };
  agenda.define(PUSH_JOB, withHeartbeat(processNow), { concurrency: 1, lockLimit: 1, lockLifetime: deps.lockLifetimeMs });
  agenda.define(SLA_JOB, withHeartbeat(watchNow), { concurrency: 1, lockLimit: 1, lockLifetime: deps.lockLifetimeMs });

  let stopWakeups: (() => Promise<void>) | undefined;
  return {
    cms,
    processNow,
    watchNow,
    async start() {
      const every = Math.max(100, Math.round(config.intake.pollSeconds * 1000));
      await agenda.every(every, [PUSH_JOB, SLA_JOB]);
      stopWakeups = deps.dispatcher.add({ name: 'intake', channel: INTAKE_CHANNEL, pollMs: deps.embedded ? 500 : every, run: () => processNow() });
    },
    async runNow() {
      await watchNow();
      await processNow();
    },
    async close() {
      await stopWakeups?.();
      await pusher.idle();
      await sender.idle();
      mailer.close();
    },
  };
}
