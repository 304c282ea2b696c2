import pg from 'pg';
import { z } from 'zod';
import type { Logger } from '../../shared/logger.js';
import { EVERY_COPY, onLocalReadModelChange, READ_MODEL_CHANNEL } from '../../shared/events/index.js';
import type { ResponseStore } from './store.js';

const payloadSchema = z.array(z.string());
const RECONNECT_MS = 1000;

/**
 * Feeds `store` every announced read-model change: this process's own at commit, and on
 * PostgreSQL every replica's through LISTEN. While the LISTEN connection is down the store is
 * untrusted (serves and keeps nothing), since a change announced meanwhile would be missed; on
 * PGlite (`embedded`, one process) the process's own announcements are all there are.
 */
export function followReadModelChanges(options: { store: ResponseStore; databaseUrl: string; embedded: boolean; logger: Logger }): { close(): Promise<void> } {
  const { store, logger } = options;
  const stopLocal = onLocalReadModelChange((tags) => store.invalidate(tags));
  if (options.embedded) return { close: async () => stopLocal() };

  store.setTrusted(false);
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  const scheduleReconnect = () => {
    store.setTrusted(false);
    if (closed) return;
    clearTimeout(retry);
    retry = setTimeout(() => void connect(), RECONNECT_MS);
    retry.unref();
  };
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.databaseUrl });
    next.on('error', (error) => logger.warn({ err: error }, 'response cache LISTEN connection failed; answers are not cached until it is back'));
    next.on('end', () => {
      if (client === next) client = null;
      scheduleReconnect();
    });
    next.on('notification', (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse(message.payload ?? '');
      } catch {
        payload = undefined;
      }
      const tags = payloadSchema.safeParse(payload);
      store.invalidate(tags.success ? tags.data : [EVERY_COPY]);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(READ_MODEL_CHANNEL)}`);
      if (closed) {
        await next.end();
        return;
      }
      client = next;
      store.setTrusted(true);
    } catch (error) {
      logger.warn({ err: error }, 'could not LISTEN for read-model changes; answers are not cached until it works');
      await next.end().catch(() => undefined);
      scheduleReconnect();
    }
  };
  const connecting = connect();
  return {
    async close() {
      closed = true;
      stopLocal();
      clearTimeout(retry);
      await connecting;
      await client?.end().catch(() => undefined);
    },
  };
}
