import type { SubgraphResolvers } from '../../../shared/graphql/subgraph-server.js';
import type { AuditLoaders } from '../loaders.js';
import { Query } from './Query.js';
import { AuditEntry } from './AuditEntry.js';
import { AuditEntryConnection } from './AuditEntryConnection.js';

export const resolvers: SubgraphResolvers<AuditLoaders> = {
  Query,
  AuditEntry,
  AuditEntryConnection,
};
