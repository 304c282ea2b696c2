import type { LegacySystemName } from '../../../shared/legacy-http/errors.js';

/**
 * Every (system, resource) the worker keeps in the read model, in the order each system's sync
 * runs them (a matter needs its picklist labels, staff and client first). The gateway's /healthz
 * waits until each of them has finished its first full import.
 */
export const SYNCED_RESOURCES = {
  cms: ['custom_fields', 'users', 'contacts', 'matters', 'calendar_entries', 'tasks'],
  dms: ['documents'],
  billing: ['bills'],
} as const satisfies Record<LegacySystemName, readonly string[]>;

export type SyncedResource<S extends LegacySystemName = LegacySystemName> = (typeof SYNCED_RESOURCES)[S][number];

export interface SyncKey {
  system: LegacySystemName;
  resource: string;
}

export const SYNC_KEYS: readonly SyncKey[] = (Object.keys(SYNCED_RESOURCES) as LegacySystemName[]).flatMap((system) =>
  SYNCED_RESOURCES[system].map((resource) => ({ system, resource })),
);
