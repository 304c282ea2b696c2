import { exitOnSignals } from '../shutdown.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { openDatabase } from '../db/data-source.js';
import type { DataSource } from 'typeorm';
import type { DatabaseCatalog } from '../module.js';
import type { MetricsProcess } from '../observability/metrics-config.js';
import { startMetricsServer, type ReadinessCheck } from '../observability/metrics-server.js';
import { startTracingFromEnv } from '../observability/tracing.js';

interface Startable {
  url: string;
  readiness?: ReadinessCheck;
  close(): Promise<void>;
}

/**
 * A server process on its own (`npm run start:<name>`, one docker-compose service): the config
 * from the environment, the shared database at DATABASE_URL, its metrics on its own port, stopped
 * cleanly on SIGINT/SIGTERM (requests in flight are answered first).
 */
export async function runStandalone(
  name: string,
  /** Which process kind it is: its default metrics port (shared/observability/metrics-config.ts). */
  kind: MetricsProcess,
  /** The entities and migrations the process assembled from its modules. */
  catalog: DatabaseCatalog,
  start: (deps: { config: Config; dataSource: DataSource; logger: Logger }) => Promise<Startable>,
): Promise<void> {
  let logger = createLogger(name);
  try {
    const config = loadConfig();
    logger = createLogger(name, config.logLevel);
    if (!config.databaseUrl) {
      throw new ConfigError(`DATABASE_URL must be set when the ${name} runs on its own (npm start runs everything on an embedded database instead).`);
    }
    const tracing = await startTracingFromEnv(`casebridge-${name.replace(/\s+/g, '-')}`);
    const database = await openDatabase(config.databaseUrl, catalog);
    const server = await start({ config, dataSource: database.dataSource, logger }).catch(async (error: unknown) => {
      await database.close();
      throw error;
    });
    const metrics = await startMetricsServer({ config: config.metrics, process: kind, logger, readiness: server.readiness }).catch(async (error: unknown) => {
      await server.close();
      await database.close();
      throw error;
    });
    exitOnSignals(name, async () => {
      await server.close();
      await metrics.close();
      await database.close();
      await tracing?.shutdown();
    }, logger);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    logger.fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  }
}
