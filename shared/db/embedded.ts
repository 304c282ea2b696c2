import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { AddressInfo } from 'node:net';

export interface EmbeddedDatabase {
  url: string;
  close(): Promise<void>;
}

/**
 * PGlite served over the PostgreSQL wire protocol on loopback, so every component uses the same
 * `pg`/TypeORM/Agenda code path as against a real server. `dataDir` undefined keeps it in memory.
 * NOTIFY is not delivered across the multiplexed connections: see DESIGN.md.
 */
export async function startEmbeddedDatabase(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedDatabase> {
  let dir: string | undefined;
  if (options.dataDir) {
    dir = path.resolve(options.dataDir, 'pglite');
    await mkdir(dir, { recursive: true });
  }
  const db = await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: 50 });
  await server.start();
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    url: `postgres://postgres@127.0.0.1:${address.port}/postgres`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
