/**
 * The worker's notifications jobs as a process of their own (no legacy systems to sync): tests
 * start it with `runFile`, kill it mid-send and start it again. Needs DATABASE_URL and SMTP_URL.
 */
import { loadConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import { exitOnSignals } from '../../shared/shutdown.js';
import { startNotificationWorker } from './notification-worker.js';

const config = loadConfig();
const logger = createLogger('notification-worker', config.logLevel);
if (!config.databaseUrl) throw new Error('DATABASE_URL must be set');
const worker = await startNotificationWorker({
  config, databaseUrl: config.databaseUrl, embedded: process.env.EMBEDDED_DATABASE === 'true', logger, processEveryMs: 200, lockLifetimeMs: 2000,
});
logger.info('notification worker started');
exitOnSignals('notification-worker', () => worker.close(), logger);
