import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counts the SQL statements a DataSource sends. The graph promises a constant number of statements
 * per request whatever the result size; tests and `bench:gateway` read this to prove it.
 */
export class QueryCounter implements TypeOrmLogger {
  count = 0;
  /**
   * Appends to the audit log (made after the answer) and the once-a-second check that an account is
   * not disabled are the gateway's bookkeeping, not what a read costs.
   */
  logQuery(query: string): void {
    if (/^\s*INSERT INTO "audit"\."entries"/i.test(query) || /^SELECT id::text AS id, disabled FROM identity\.accounts/.test(query)) return;
    this.count++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
