import type { IngestContext } from '../loaders.js';
import type { QuarantineArgs, QuarantineRow } from '../sync-queries.js';

export const quarantineQuery = {
  quarantine: (_: unknown, args: QuarantineArgs, { loaders }: IngestContext) => loaders.quarantine(args),
};

export const QuarantineItem = {
  legacyId: (row: QuarantineRow) => row.legacy_id,
  mappingKind: (row: QuarantineRow) => row.mapping_kind,
  rawValue: (row: QuarantineRow) => row.raw_value,
  apiVersion: (row: QuarantineRow) => row.api_version,
  payload: (row: QuarantineRow) => JSON.stringify(row.payload),
  firstSeenAt: (row: QuarantineRow) => row.first_seen_at.toISOString(),
  lastSeenAt: (row: QuarantineRow) => row.last_seen_at.toISOString(),
  timesSeen: (row: QuarantineRow) => row.times_seen,
  resolvedAt: (row: QuarantineRow) => row.resolved_at?.toISOString() ?? null,
};

export const QuarantineConnection = {
  nodes: (page: { edges: Array<{ node: QuarantineRow }> }) => page.edges.map((edge) => edge.node),
};
