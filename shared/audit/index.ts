export { AuditLog, DENIED_CODES, outcomeOf, type NewAuditEntry } from './audit-log.js';
export { REDACTED, redactSecrets, redactVariables, sha256Hex, storableText } from './redact.js';
export { AUDIT_KINDS, AUDIT_OUTCOMES, AuditEntryRow, type AuditKind, type AuditOutcome } from './AuditEntry.js';
