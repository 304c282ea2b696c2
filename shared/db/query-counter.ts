import type { Logger as TypeOrmLogger } from 'typeorm';

const BOOKKEEPING = [
  /^\s*INSERT INTO "audit"\."entries"/i,
  /^SELECT id::text AS id, disabled FROM identity\.accounts/,
  /^\s*SELECT [^;]* FROM events\.outbox\b/,
];

/**
 * Counts the SQL statements a DataSource sends. The graph promises a constant number of statements
 * per request whatever the result size; tests and `bench:gateway` read this to prove it.
 */
export class QueryCounter implements TypeOrmLogger {
  count = 0;
  /**
   * The gateway's bookkeeping is not what a read costs, and runs on its own clock: appends to the
   * audit log (after the answer), the once-a-second check that an account is not disabled, and the
   * live stream's reads of the outbox (every few seconds, whatever the requests).
   */
  logQuery(query: string): void {
    if (BOOKKEEPING.some((pattern) => pattern.test(query))) return;
    this.count++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
