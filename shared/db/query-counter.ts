import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counts the SQL statements a DataSource sends. The graph promises a constant number of statements
 * per request whatever the result size; tests and `bench:gateway` read this to prove it.
 */
export class QueryCounter implements TypeOrmLogger {
  count = 0;
  logQuery(): void {
    this.count++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
