import type { SubgraphResolverMap } from '../../../shared/graphql/subgraph-server.js';
import type { Resolvers } from '../generated/resolvers.js';
import { Query } from './Query.js';
import { AuditEntry } from './AuditEntry.js';
import { AuditEntryConnection } from './AuditEntryConnection.js';
import { syncHealthQuery } from './sync-health.js';
import { QuarantineConnection, QuarantineItem, quarantineQuery } from './quarantine.js';
import { ValueMapping, mappingMutations, mappingQueries } from './mappings.js';

/** The audit log, typed from the SDL. */
const auditLog: Resolvers = { Query, AuditEntry, AuditEntryConnection };

/**
 * The sync's staff queries are not typed from the SDL yet: they are moving to their own context
 * (subgraphs/ingest), which types them there.
 */
export const resolvers: SubgraphResolverMap = {
  ...auditLog,
  Query: { ...Query, ...syncHealthQuery, ...quarantineQuery, ...mappingQueries },
  Mutation: mappingMutations,
  QuarantineItem,
  QuarantineConnection,
  ValueMapping,
};
