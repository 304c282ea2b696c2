import type { SubgraphResolvers } from '../../../shared/graphql/subgraph-server.js';
import type { AuditLoaders } from '../loaders.js';
import { Query } from './Query.js';
import { AuditEntry } from './AuditEntry.js';
import { AuditEntryConnection } from './AuditEntryConnection.js';
import { syncHealthQuery } from './sync-health.js';
import { QuarantineConnection, QuarantineItem, quarantineQuery } from './quarantine.js';
import { ValueMapping, mappingMutations, mappingQueries } from './mappings.js';

export const resolvers: SubgraphResolvers<AuditLoaders> = {
  Query: { ...Query, ...syncHealthQuery, ...quarantineQuery, ...mappingQueries },
  Mutation: mappingMutations,
  AuditEntry,
  AuditEntryConnection,
  QuarantineItem,
  QuarantineConnection,
  ValueMapping,
};
