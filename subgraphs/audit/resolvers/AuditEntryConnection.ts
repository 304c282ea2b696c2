import type { AuditPage } from '../loaders.js';

export const AuditEntryConnection = {
  nodes: (page: AuditPage) => page.edges.map((edge) => edge.node),
};
