import { exitOnSignals } from '../../shared/shutdown.js';
import { ConfigError, loadConfig, requireLegacyUrls } from '../../shared/config.js';
import { ensureDemoAccounts } from '../../shared/auth/demo-accounts.js';
import { createLogger } from '../../shared/logger.js';
import { startWorker } from '../../worker/worker.js';
import { MODULES } from '../modules.js';
import { findPartyByEmail } from '../../subgraphs/matters/module.js';
import { startMetricsServer } from '../../shared/observability/metrics-server.js';
import { databaseAnswers, readinessOf } from '../../shared/observability/health.js';
import { startTracingFromEnv } from '../../shared/observability/tracing.js';

/**
 * The worker on its own (`npm run start:worker`): it needs DATABASE_URL and the three legacy URLs.
 * It migrates the database (under an advisory lock, so several processes may start at once) and
 * stops cleanly on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('worker', config.logLevel);
  const legacyUrls = requireLegacyUrls(config);
  const tracing = await startTracingFromEnv('casebridge-worker');
  if (!config.databaseUrl) throw new ConfigError('DATABASE_URL must be set when the worker runs on its own, e.g. postgres://user:password@host:5432/casebridge.');
  const worker = await startWorker({
    modules: MODULES,
    config,
    databaseUrl: config.databaseUrl,
    legacyUrls,
    logger,
    progressBars: process.stderr.isTTY === true,
    // The demo logins link to CMS people by email, so they are made once the first import has them
    // (whether the start-up run or a later scheduled one succeeds first).
    afterFirstImport: config.demoAccounts ? (dataSource) => ensureDemoAccounts(dataSource, logger.child({ component: 'demo' }), findPartyByEmail) : undefined,
  });
  logger.info({ intervalSeconds: config.sync.intervalSeconds, legacyUrls }, 'worker started');
  // The worker has no API port: its /metrics, /livez and /healthz are all on its metrics port.
  const metrics = await startMetricsServer({ config: config.metrics, process: 'worker', logger, readiness: readinessOf({ database: databaseAnswers(worker.dataSource) }) })
    .catch(async (error: unknown) => {
      await worker.close();
      throw error;
    });

  exitOnSignals('worker', async () => {
    await worker.close();
    await metrics.close();
    await tracing?.shutdown();
  }, logger);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
