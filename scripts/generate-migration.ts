/**
 * Writes a TypeORM migration holding the SQL that brings the database from the existing
 * migrations to the current entities: `npm run migration:generate -- <Name>`.
 * Runs against an in-memory PGlite, so it needs no server.
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { startEmbeddedDatabase } from '../shared/db/embedded.js';
import { openDatabase } from '../shared/db/data-source.js';
import { DATABASE } from '../system/modules.js';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('Usage: npm run migration:generate -- <PascalCaseName>');
  process.exit(2);
}
const embedded = await startEmbeddedDatabase();
const db = await openDatabase(embedded.url, DATABASE);
const sql = await db.dataSource.driver.createSchemaBuilder().log();
await db.close();
await embedded.close();
if (sql.upQueries.length === 0) {
  console.log('The entities match the migrations: nothing to generate.');
  process.exit(0);
}
const timestamp = Date.now();
const className = `${name}${timestamp}`;
const quote = (q: string) => '`' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
const up = sql.upQueries.map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
const down = [...sql.downQueries].reverse().map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
const file = `shared/db/migrations/${timestamp}-${name}.ts`;
await writeFile(file, `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`);
console.log(`Wrote ${file}: add ${className} to shared/db/migrations/index.ts.`);
