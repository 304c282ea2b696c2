import type { AuditEntryResolvers } from '../generated/resolvers.js';

export const AuditEntry: AuditEntryResolvers = {
  variables: (entry) => (entry.variables === null ? null : JSON.stringify(entry.variables)),
};
