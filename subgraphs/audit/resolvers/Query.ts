import type { AuditContext, AuditLogArgs } from '../loaders.js';

export const Query = {
  auditLog: (_: unknown, args: AuditLogArgs, { loaders }: AuditContext) => loaders.page(args),
};
