import type { QuarantineConnectionResolvers, QuarantineItemResolvers, QueryResolvers } from '../generated/resolvers.js';

export const quarantineQuery: Pick<QueryResolvers, 'quarantine'> = {
  quarantine: (_, args, { loaders }) => loaders.quarantine(args),
};

export const QuarantineItem: QuarantineItemResolvers = {
  legacyId: (row) => row.legacy_id,
  mappingKind: (row) => row.mapping_kind,
  rawValue: (row) => row.raw_value,
  apiVersion: (row) => row.api_version,
  payload: (row) => JSON.stringify(row.payload),
  firstSeenAt: (row) => row.first_seen_at,
  lastSeenAt: (row) => row.last_seen_at,
  timesSeen: (row) => row.times_seen,
  resolvedAt: (row) => row.resolved_at,
};

export const QuarantineConnection: QuarantineConnectionResolvers = {
  nodes: (page) => page.edges.map((edge) => edge.node),
};
