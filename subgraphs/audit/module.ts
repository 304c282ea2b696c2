import type { Module } from '../ingest/index.js';
import { startAuditSubgraph } from './server.js';

/** The audit context: the audit log (its table is the floor's: the gateway writes it, shared/audit). */
export const auditModule: Module = {
  name: 'audit',
  entities: [],
  startSubgraph: startAuditSubgraph,
};
