import type { RequestHandler } from 'express';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Principal } from '../auth/principal.js';
import { REQUEST_ID_HEADER, bindEmitterToContext, currentRequestScope, requestIdFrom, runInRequestScope } from './request-id.js';
import { activeSpan, contextFromHeaders, injectTraceHeaders, runInContext, startSpan } from './tracing.js';

/** `/graphql/x` → `/graphql`: span names stay few (ids live in attributes, never in names). */
const routeOf = (path: string) => `/${path.split('/')[1] ?? ''}`;

/**
 * First on a server: the request's id (the caller's X-Request-Id when sane, else a new one),
 * returned in X-Request-Id and carried by every log line written while the request is handled;
 * and, with tracing on, a server span continuing the caller's `traceparent`. Everything after it
 * (body parsers included) runs in that scope.
 */
export function observeRequests(): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader('X-Request-Id', requestId);
    const started = startSpan(`${req.method} ${routeOf(req.path)}`, {
      kind: SpanKind.SERVER,
      parent: contextFromHeaders((name) => req.get(name)),
      attributes: { 'http.request.method': req.method, 'url.path': req.path, 'casebridge.request_id': requestId },
    });
    if (started) {
      res.once('close', () => {
        started.span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) started.span.setStatus({ code: SpanStatusCode.ERROR });
        started.span.end();
      });
    }
    bindEmitterToContext(req);
    bindEmitterToContext(res);
    runInRequestScope({ requestId }, () => runInContext(started?.context, next));
  };
}

/** Records who is asking on the request's scope (log lines then carry `principalId`). */
export function notePrincipal(principal: Principal): void {
  const scope = currentRequestScope();
  if (scope) scope.principalId = principal.accountId;
  activeSpan()?.setAttribute('enduser.id', principal.accountId);
}

/** The request id and trace context a subgraph fetch carries, so its logs and spans join the gateway's. */
export function forwardRequestScope(set: (name: string, value: string) => void): void {
  const scope = currentRequestScope();
  if (scope) set(REQUEST_ID_HEADER, scope.requestId);
  injectTraceHeaders(set);
}

/**
 * Names the request's span after its GraphQL operation (`query Dashboard`) and puts the operation
 * name on its log lines, once Apollo Server has resolved it.
 */
export function observeOperations<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName, operation }) {
          const name = operationName ?? '(anonymous)';
          const scope = currentRequestScope();
          if (scope) scope.operationName = name;
          const span = activeSpan();
          if (span) {
            const type = operation?.operation ?? 'operation';
            span.updateName(`${type} ${name}`);
            span.setAttributes({ 'graphql.operation.name': name, 'graphql.operation.type': type });
          }
        },
      };
    },
  };
}
