import type { DataSource } from 'typeorm';
import type { Principal } from '../../shared/auth/principal.js';
import type { SubgraphContext } from '../../shared/graphql/subgraph-server.js';
import { createSyncLoaders } from './sync-queries.js';
import { createMappingLoaders } from './mappings.js';

/** Staff reads of the sync's state and the value mappings; each checks the role again behind the schema's @hasRole. */
export function createIngestLoaders(dataSource: DataSource, principal: Principal, clioConfigured = false) {
  return {
    ...createSyncLoaders(dataSource, principal, clioConfigured),
    mappings: createMappingLoaders(dataSource, principal),
  };
}

export type IngestLoaders = ReturnType<typeof createIngestLoaders>;
export type IngestContext = SubgraphContext<IngestLoaders>;
