import { Agenda } from 'agenda';
import { PostgresBackend } from '@agendajs/postgres-backend';

/** The worker's Agenda on PostgreSQL; on the embedded PGlite NOTIFY does not cross connections, so it only polls. */
export function createAgenda(options: { databaseUrl: string; embedded: boolean; processEveryMs: number; lockLifetimeMs: number }): Agenda {
  return new Agenda({
    backend: new PostgresBackend({ poolConfig: { connectionString: options.databaseUrl, max: 3 }, disableNotifications: options.embedded }),
    name: 'casebridge-worker',
    processEvery: options.processEveryMs,
    defaultConcurrency: 1,
    defaultLockLimit: 1,
    defaultLockLifetime: options.lockLifetimeMs,
  });
}
