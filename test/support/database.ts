import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedDatabase } from '../../shared/db/embedded.js';
import { openDatabase, type Database } from '../../shared/db/data-source.js';
import { DATABASE } from '../../system/modules.js';

export interface TestDatabase {
  url: string;
  /** An in-memory PGlite rather than a database on a server. */
  embedded: boolean;
  /** Drops the database (real PostgreSQL) or stops the in-memory PGlite. */
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file (or bench): a new database on the PostgreSQL server named by
 * DATABASE_URL when it is set (CI), or an in-memory PGlite otherwise (a fresh clone, no server).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedDatabase();
    return { url: embedded.url, embedded: true, drop: () => embedded.close() };
  }
  const name = `casebridge_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A fresh database with the schema migrated, opened through TypeORM. */
export async function createMigratedTestDatabase(): Promise<{ url: string; db: Database; drop(): Promise<void> }> {
  const testDb = await createTestDatabase();
  const db = await openDatabase(testDb.url, DATABASE);
  return {
    url: testDb.url,
    db,
    async drop() {
      await db.close();
      await testDb.drop();
    },
  };
}
