import type { LegacySystemName } from '../../../shared/legacy-http/index.js';
import type { MappingKindSpec } from '../../../shared/module.js';

/** What ingest is told at start about the contexts it serves (it imports none of them). */
export interface IngestCatalog {
  /** Every synced resource of each system, in the order its sync runs them. */
  resources: Readonly<Partial<Record<LegacySystemName, readonly string[]>>>;
  /** Every value-mapping kind, by its stored name. */
  mappingKinds: Readonly<Record<string, MappingKindSpec>>;
}

let current: IngestCatalog | undefined;

/** Called once per process by the assembly of the modules (system/modules.ts). */
export function configureIngest(catalog: IngestCatalog): void {
  current = catalog;
}

export function ingestCatalog(): IngestCatalog {
  if (!current) throw new Error('The ingest context was not configured: import system/modules.ts (it hands ingest the modules\' resources and mapping kinds) before syncing or serving.');
  return current;
}
