export { auditPlugin, auditedContext } from './plugin.js';
export { auditGraphQLRequests, auditSignIns, noteAuditPrincipal } from './request-audit.js';
