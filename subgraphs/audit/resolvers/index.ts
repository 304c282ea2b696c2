import type { Resolvers } from '../generated/resolvers.js';
import { Query } from './Query.js';
import { AuditEntry } from './AuditEntry.js';
import { AuditEntryConnection } from './AuditEntryConnection.js';

/** The audit log, typed from the SDL. */
export const resolvers: Resolvers = { Query, AuditEntry, AuditEntryConnection };
