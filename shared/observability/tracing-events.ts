import type { Link } from '@opentelemetry/api';
import { trace } from '@opentelemetry/api';
import { contextFromTraceparent, tracingEnabled, withSpan } from './tracing.js';

/**
 * Runs work that handles stored items (outbox events, webhook deliveries) in a span that continues
 * the trace of the first of them that carried one; the others' traces are linked, so a batch
 * drawn from several requests is reachable from each. Work on untraced items makes no span.
 */
export async function continueTraces<T>(name: string, traceparents: ReadonlyArray<string | null | undefined>, fn: () => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return fn();
  const distinct = [...new Set(traceparents.filter((t): t is string => Boolean(t)))];
  if (distinct.length === 0) return fn();
  const [first, ...others] = distinct.map((t) => contextFromTraceparent(t));
  const links: Link[] = others.flatMap((ctx) => {
    const span = ctx ? trace.getSpanContext(ctx) : undefined;
    return span ? [{ context: span }] : [];
  });
  return withSpan(name, { parent: first, links, attributes: { 'casebridge.items': traceparents.length } }, () => fn());
}
