import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGliteServer } from './pglite-server.js';

export interface EmbeddedDatabase {
  url: string;
  close(): Promise<void>;
}

/**
 * PGlite served over the PostgreSQL wire protocol on loopback, so every component uses the same
 * `pg`/TypeORM/Agenda code path as against a real server. `dataDir` undefined keeps it in memory.
 * All connections share PGlite's one session, taking turns (see pglite-server.ts); NOTIFY is not
 * delivered across them: see docs/architecture.md ("Embedded database").
 */
export async function startEmbeddedDatabase(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedDatabase> {
  let dir: string | undefined;
  if (options.dataDir) {
    dir = path.resolve(options.dataDir, 'pglite');
    await mkdir(dir, { recursive: true });
  }
  const db = await PGlite.create(dir);
  const server = new PGliteServer(db);
  const port = await server.listen(options.port ?? 0);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async close() {
      await server.close();
      await db.close();
    },
  };
}
