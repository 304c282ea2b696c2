import { DataSource, MigrationExecutor } from 'typeorm';
import type { DatabaseCatalog } from '../module.js';
import { QueryCounter } from './query-counter.js';
import { ReadModelChangeSubscriber } from '../events/read-model-changes.js';

export interface Database {
  dataSource: DataSource;
  queries: QueryCounter;
  close(): Promise<void>;
}

/** Any 64-bit key works; this one is ours, so concurrent starts of several processes migrate once. */
const MIGRATION_LOCK_KEY = 720_431_911;

/** `catalog`: the entities and migrations the caller assembled from its modules (databaseCatalog in shared/module.ts). */
export async function openDatabase(url: string, catalog: DatabaseCatalog, options: { poolSize?: number; migrate?: boolean } = {}): Promise<Database> {
  const queries = new QueryCounter();
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: [...catalog.entities],
    migrations: [...catalog.migrations],
    // Announced read-model changes reach this process's caches when their transaction commits.
    subscribers: [ReadModelChangeSubscriber],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging: ['query'],
    logger: queries,
    extra: { max: options.poolSize ?? 10 },
  });
  await dataSource.initialize();
  if (options.migrate !== false) await migrate(dataSource);
  return { dataSource, queries, close: () => dataSource.destroy() };
}

/**
 * Runs pending migrations under an advisory lock: every process may call it at start-up. The lock,
 * the look at what is pending and the migrations share one transaction: the embedded database
 * serves one session to every connection, where a session's advisory lock is re-entrant and so
 * excludes nobody, but an open transaction holds the session until it ends (pglite-server.ts).
 */
export async function migrate(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await new MigrationExecutor(dataSource, runner).executePendingMigrations();
    await runner.commitTransaction();
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
