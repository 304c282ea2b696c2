import type { Agenda } from 'agenda';
import type { DataSource, MigrationInterface } from 'typeorm';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { LegacySystemName, RetryPolicy, TokenProvider } from './legacy-http/index.js';
import type { OutboxDispatcher } from './events/dispatcher.js';
import type { RunningServer, SubgraphOptions } from './graphql/subgraph-server.js';
import type { DatabaseGauge } from './observability/metrics-database.js';

/** A TypeORM entity class. */
export type EntityClass = Function;
export type MigrationClass = new () => MigrationInterface;

/** What a context's worker part gets from the worker process that assembles it. */
export interface WorkerDeps {
  agenda: Agenda;
  /** The process's one outbox dispatcher: a consumer is added to it, never a LISTEN loop of its own. */
  dispatcher: OutboxDispatcher;
  dataSource: DataSource;
  databaseUrl: string;
  embedded: boolean;
  config: Config;
  logger: Logger;
  lockLifetimeMs: number;
  /** Where each legacy system answers, for a context that calls one outside the sync (intake's CMS writes). */
  legacyUrls: Readonly<Record<LegacySystemName, string>>;
  /** The token of each system behind an OAuth connection (the firm's Clio); others use their static token. */
  legacyTokens: Partial<Record<LegacySystemName, TokenProvider>>;
  /** Aborted when the worker stops: a legacy call in flight gives up. */
  signal: AbortSignal;
  /** Overrides of the legacy HTTP retry policy (tests make it quick). */
  retry?: Partial<RetryPolicy>;
}

/** A context's outbox consumers and Agenda jobs, defined before Agenda starts, started after. */
export interface WorkerPart {
  start?(): Promise<void>;
  close?(): Promise<void>;
  /** Runs the part's jobs once now, after any run in progress (tests and benches; Agenda runs them on schedule). */
  runNow?(): Promise<void>;
}

/** A kind of value mapping a context owns: the GraphQL enum value staff use, and the canonical values it maps to. */
export interface MappingKindSpec {
  graphqlName: string;
  canonical: readonly string[];
}

/**
 * What one bounded context brings to the processes that assemble it (system/modules.ts lists
 * them all): its tables, its subgraph, its legacy system's sync, its value-mapping kinds, its
 * outbox consumers and jobs. `Legacy` is the ingest context's description of a legacy sync; this
 * floor does not know it. See docs/architecture.md.
 */
export interface ContextModule<Legacy = never> {
  name: string;
  entities: readonly EntityClass[];
  /** Migrations kept with the context (the older ones are in shared/db/migrations). */
  migrations?: readonly MigrationClass[];
  startSubgraph?(options: SubgraphOptions): Promise<RunningServer>;
  legacy?: Legacy;
  /** Internal kind name (case_status, …) → its GraphQL name and canonical values. */
  mappingKinds?: Readonly<Record<string, MappingKindSpec>>;
  worker?(deps: WorkerDeps): WorkerPart;
  /** Gauges read from its tables when Prometheus scrapes the worker (sync lag, notifications, …). */
  metrics?: readonly DatabaseGauge[];
}

/** The entities and migrations a DataSource over the shared database opens with. */
export interface DatabaseCatalog {
  entities: readonly EntityClass[];
  migrations: readonly MigrationClass[];
}

const timestampOf = (migration: MigrationClass) => Number(/(\d{13})$/.exec(migration.name)?.[1] ?? Number.NaN);

/** The floor's own tables and migrations plus every module's, the migrations in timestamp order. */
export function databaseCatalog(floor: DatabaseCatalog, modules: ReadonlyArray<Pick<ContextModule<unknown>, 'entities' | 'migrations'>>): DatabaseCatalog {
  const migrations = [...floor.migrations, ...modules.flatMap((m) => m.migrations ?? [])];
  const unnamed = migrations.find((m) => Number.isNaN(timestampOf(m)));
  if (unnamed) throw new Error(`Migration class ${unnamed.name} must end in its 13-digit timestamp (npm run migration:generate names it so).`);
  return {
    entities: [...floor.entities, ...modules.flatMap((m) => m.entities)],
    migrations: migrations.sort((a, b) => timestampOf(a) - timestampOf(b)),
  };
}
