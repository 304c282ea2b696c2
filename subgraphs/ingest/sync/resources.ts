import type { LegacySystemName } from '../../../shared/legacy-http/errors.js';
import { ingestCatalog } from './catalog.js';

export interface SyncKey {
  system: LegacySystemName;
  resource: string;
}

/**
 * Every (system, resource) the worker keeps in the read model, in the order each system's sync
 * runs them, as the modules declare them. The gateway's /healthz waits until each of them has
 * finished its first full import.
 */
export function syncedResources(): ReadonlyArray<{ system: LegacySystemName; resources: readonly string[] }> {
  return (Object.entries(ingestCatalog().resources) as Array<[LegacySystemName, readonly string[]]>).map(([system, resources]) => ({ system, resources }));
}

export function syncKeys(): SyncKey[] {
  return syncedResources().flatMap(({ system, resources }) => resources.map((resource) => ({ system, resource })));
}
