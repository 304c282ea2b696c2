import type { AuditEntryConnectionResolvers } from '../generated/resolvers.js';

export const AuditEntryConnection: AuditEntryConnectionResolvers = {
  nodes: (page) => page.edges.map((edge) => edge.node),
};
