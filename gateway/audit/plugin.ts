import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import type { Response } from 'express';
import type { Principal } from '../../shared/auth/principal.js';
import { outcomeOf, redactVariables, sha256Hex, type AuditLog } from '../../shared/audit/index.js';
import { operationNameIn, requestAuditOf, type OperationAudit, type RequestAudit } from './request-audit.js';

/**
 * Links an operation's context to its HTTP request's audit: set by `auditedContext`. A property,
 * not a WeakMap entry, because Apollo Server runs each operation on a shallow copy of the context.
 */
const AUDIT = Symbol('audit');
type Audited = { [AUDIT]?: RequestAudit };
const auditOfContext = (context: object): RequestAudit | undefined => (AUDIT in context ? (context as Audited)[AUDIT] : undefined);

/**
 * Wraps the gateway's context function: the principal it establishes goes into the request's
 * audit entry, and so does the error it throws (UNAUTHENTICATED) — Apollo Server then answers
 * without running any request hook of the plugin, so the express middleware records it.
 */
export function auditedContext<C extends { principal: Principal }>(
  create: (args: { req: import('express').Request; res: Response }) => Promise<C>,
): (args: { req: import('express').Request; res: Response }) => Promise<C> {
  return async (args) => {
    const audit = requestAuditOf(args.res);
    try {
      const context = await create(args);
      if (!audit) return context;
      audit.principal = context.principal;
      return { ...context, [AUDIT]: audit };
    } catch (error) {
      if (audit) audit.contextError = error;
      throw error;
    }
  };
}

function errorCodesOf(requestContext: GraphQLRequestContext<BaseContext>): string[] {
  const { body } = requestContext.response;
  const formatted: ReadonlyArray<{ extensions?: Record<string, unknown> | undefined }> | undefined =
    body?.kind === 'single' ? body.singleResult.errors : body?.initialResult.errors;
  const list = formatted ?? requestContext.errors ?? [];
  return list.map((e) => {
    const code = e.extensions?.code;
    return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
  });
}

/**
 * The gateway's audit plugin: for every operation Apollo Server handles — executed, or refused at
 * parsing or validation — the operation name, the sha256 of its document, its redacted variables
 * and its errors' codes. The express middleware (`auditGraphQLRequests`) appends the entry when
 * the response is done; an operation run without it (no HTTP request) is appended here.
 */
export function auditPlugin<C extends { principal: Principal; live?: boolean }>(log: AuditLog): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.live) return;
      const startedAt = Date.now();
      return {
        async willSendResponse(requestContext) {
          const { request } = requestContext;
          const document = requestContext.source ?? request.query;
          const details: OperationAudit = {
            operationName: requestContext.operationName ?? operationNameIn(document ?? null, request.operationName ?? null),
            operationHash: document === undefined ? null : sha256Hex(document),
            variables: redactVariables(request.variables),
            errorCodes: errorCodesOf(requestContext),
          };
          const audit = auditOfContext(contextValue);
          if (audit) {
            audit.operations.push(details);
            return;
          }
          const { principal } = contextValue;
          log.record({
            at: new Date(startedAt), kind: 'GRAPHQL', accountId: principal.accountId, email: principal.email, role: principal.role,
            clientId: principal.clientId, ...details, outcome: outcomeOf(details.errorCodes), durationMs: Date.now() - startedAt, address: null, userAgent: null,
          });
        },
      };
    },
  };
}
