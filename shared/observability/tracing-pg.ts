import pg from 'pg';
import { SpanKind, SpanStatusCode, context, trace, type Span } from '@opentelemetry/api';

type Query = (this: pg.Client, ...args: unknown[]) => unknown;

/** The statement's text, whatever form `Client.query` was given it in (a string, a config, a Submittable). */
function statementOf(first: unknown): string {
  if (typeof first === 'string') return first;
  if (typeof first === 'object' && first !== null && 'text' in first && typeof first.text === 'string') return first.text;
  return '(query object)';
}

/** The first keyword names the span (SELECT, INSERT, …): the statement itself is an attribute, its values never are. */
const operationOf = (statement: string) => /^\s*(\w+)/.exec(statement)?.[1]?.toUpperCase() ?? 'SQL';

function end(span: Span, error: unknown): void {
  if (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
  span.end();
}

/**
 * A span per SQL statement, a child of whatever span is active (a subgraph's execution, a sync
 * page, a worker's batch). Wraps `pg.Client.prototype.query`, which TypeORM, Agenda and our own
 * pools all go through: under tsx and Jest our ESM imports never pass through the `require` hook
 * @opentelemetry/instrumentation-pg relies on, so the seam is patched directly. Statements outside
 * any trace (a dispatcher's poll) make no span. Returns the function that restores the original.
 */
export function tracePgQueries(): () => void {
  const prototype = pg.Client.prototype as unknown as { query: Query };
  const original = prototype.query;
  prototype.query = function tracedQuery(this: pg.Client, ...args: unknown[]): unknown {
    const parent = context.active();
    if (!trace.getSpan(parent)) return original.apply(this, args);
    const statement = statementOf(args[0]);
    const span = trace.getTracer('casebridge').startSpan(`pg ${operationOf(statement)}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system.name': 'postgresql', 'db.query.text': statement.slice(0, 2000) },
    }, parent);
    const callbackAt = args.findIndex((arg) => typeof arg === 'function');
    if (callbackAt !== -1) {
      const callback = args[callbackAt] as (error: unknown, ...rest: unknown[]) => void;
      args[callbackAt] = (error: unknown, ...rest: unknown[]) => {
        end(span, error);
        context.with(parent, () => callback(error, ...rest));
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(() => end(span, undefined), (error: unknown) => end(span, error));
    } else {
      end(span, undefined);
    }
    return result;
  };
  return () => {
    prototype.query = original;
  };
}
