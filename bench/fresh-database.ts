import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedDatabase } from '../shared/db/embedded.js';

/** A database of the bench's own: a new one on DATABASE_URL's server when set (dropped after), else an embedded PGlite. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void>; embedded: boolean }> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const embedded = await startEmbeddedDatabase();
    return { url: embedded.url, drop: () => embedded.close(), embedded: true };
  }
  const name = `casebridge_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    async drop() {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
