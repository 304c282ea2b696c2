import type { AuditEntryRow } from '../../../shared/audit/AuditEntry.js';

export const AuditEntry = {
  at: (entry: AuditEntryRow) => entry.at.toISOString(),
  variables: (entry: AuditEntryRow) => (entry.variables === null ? null : JSON.stringify(entry.variables)),
};
