import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';

/** Sent by clients and proxies, forwarded to the subgraphs, returned on every answer. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A caller's id is kept only when it is short and plain: it goes into every log line and header
 * of the request, so nothing that could forge a log field, a header or a terminal escape passes.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/** What every log line written while a request is handled carries (shared/logger.ts reads it). */
export interface RequestScope {
  requestId: string;
  /** Set once the GraphQL operation is known. */
  operationName?: string;
  /** The principal's account id (or client id) once authenticated. */
  principalId?: string;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** The incoming id when it is sane, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** The scope of the request being handled, if any. */
export function currentRequestScope(): RequestScope | undefined {
  return scopes.getStore();
}

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

type Listener = (...args: unknown[]) => void;
const ADD = ['on', 'addListener', 'once', 'prependListener', 'prependOnceListener'] as const;
const REMOVE = ['off', 'removeListener'] as const;

/**
 * Listeners added to `emitter` from now on run in the caller's async context (this scope and the
 * active trace span). A request's stream events ('data', 'end') otherwise run in the context of
 * the socket that emitted them, so everything after a body parser would lose the request's scope.
 */
export function bindEmitterToContext(emitter: EventEmitter): void {
  const bound = new WeakMap<Listener, Listener>();
  const target = emitter as unknown as Record<string, (event: string | symbol, listener: Listener) => EventEmitter>;
  for (const method of ADD) {
    const original = target[method]!.bind(emitter);
    target[method] = (event, listener) => {
      const wrapped = bound.get(listener) ?? AsyncResource.bind(listener);
      bound.set(listener, wrapped);
      return original(event, wrapped);
    };
  }
  for (const method of REMOVE) {
    const original = target[method]!.bind(emitter);
    target[method] = (event, listener) => original(event, bound.get(listener) ?? listener);
  }
}
