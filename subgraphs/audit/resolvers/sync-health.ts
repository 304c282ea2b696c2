import type { AuditContext } from '../loaders.js';

export const syncHealthQuery = {
  syncHealth: (_: unknown, _args: unknown, { loaders }: AuditContext) => loaders.syncHealth(),
};
