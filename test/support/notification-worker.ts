import type { Config } from '../../shared/config.js';
import { openDatabase } from '../../shared/db/data-source.js';
import { startOutboxDispatcher } from '../../shared/events/index.js';
import type { Logger } from '../../shared/logger.js';
import { defineNotificationJobs, type NotificationJobs } from '../../subgraphs/notifications/module.js';
import { DATABASE } from '../../system/modules.js';
import { createAgenda } from '../../worker/agenda.js';

/**
 * The notifications jobs alone, with their own Agenda, dispatcher and connection: a worker process
 * that does not talk to the legacy systems (tests run several, and kill them mid-send).
 */
export async function startNotificationWorker(options: {
  config: Config; databaseUrl: string; embedded?: boolean; logger: Logger; processEveryMs?: number; lockLifetimeMs?: number;
}): Promise<Pick<NotificationJobs, 'notifier' | 'deliverNow' | 'close'>> {
  const embedded = options.embedded ?? false;
  const lockLifetimeMs = options.lockLifetimeMs ?? 20_000;
  const database = await openDatabase(options.databaseUrl, DATABASE, { poolSize: 5 });
  const dispatcher = startOutboxDispatcher({ databaseUrl: options.databaseUrl, embedded, logger: options.logger });
  const agenda = createAgenda({ databaseUrl: options.databaseUrl, embedded, processEveryMs: options.processEveryMs ?? 1000, lockLifetimeMs });
  agenda.on('error', (error) => options.logger.error({ err: error }, 'agenda error'));
  const jobs = defineNotificationJobs(agenda, { dataSource: database.dataSource, dispatcher, embedded, config: options.config, logger: options.logger, lockLifetimeMs });
  try {
    await agenda.start();
    await jobs.start();
  } catch (error) {
    await jobs.close().catch(() => undefined);
    await dispatcher.close();
    await agenda.stop().catch(() => undefined);
    await database.close();
    throw error;
  }
  return {
    notifier: jobs.notifier,
    deliverNow: jobs.deliverNow,
    async close() {
      await agenda.drain({ timeout: 10_000 }).catch(() => undefined);
      await jobs.close();
      await dispatcher.close();
      await database.close();
    },
  };
}
