import { ROOT_CONTEXT, context, propagation, trace, SpanKind, SpanStatusCode, type Attributes, type Context, type Link, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';
import { z } from 'zod';
import { tracePgQueries } from './tracing-pg.js';

export { SpanKind };
export type { Span };

/**
 * Traces are off unless OTEL_EXPORTER_OTLP_ENDPOINT (or a test's exporter) turns them on: when
 * off, no provider, context manager or propagator is registered and every helper here returns at
 * its first line, so a request pays one boolean test per seam. See docs/operations.md, "Traces".
 */
let enabled = false;
let provider: TracerProvider | undefined;

const TRACER = 'casebridge';

const tracingEnv = z.object({
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, e.g. http://127.0.0.1:4318' }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
});

export interface Tracing {
  /** Exports what is buffered and unregisters everything: traces are off again. */
  shutdown(): Promise<void>;
}

export function tracingEnabled(): boolean {
  return enabled;
}

/**
 * Registers the tracer provider, the async context manager and the W3C trace-context propagator
 * for this process, exporting to `exporter` (tests pass an InMemorySpanExporter and
 * `immediate: true`, so each span is exported when it ends).
 */
export function startTracing(options: { serviceName: string; exporter: SpanExporter; immediate?: boolean }): Tracing {
  if (enabled) throw new Error('Tracing is already on in this process.');
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [options.immediate ? new SimpleSpanProcessor({ exporter: options.exporter }) : new BatchSpanProcessor({ exporter: options.exporter })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  const untracePg = tracePgQueries();
  enabled = true;
  const own = provider;
  return {
    async shutdown() {
      if (provider !== own) return;
      enabled = false;
      untracePg();
      await own.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
      provider = undefined;
    },
  };
}

/**
 * Turns tracing on when OTEL_EXPORTER_OTLP_ENDPOINT is set: spans go to its /v1/traces over OTLP
 * HTTP (the exporter reads the OTEL_EXPORTER_OTLP_* variables itself). Returns undefined when off.
 */
export async function startTracingFromEnv(serviceName: string, env: NodeJS.ProcessEnv = process.env): Promise<Tracing | undefined> {
  const parsed = tracingEnv.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  if (!parsed.data.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  // Loaded only when on: the exporter and its HTTP stack cost nothing to a process that does not trace.
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  return startTracing({ serviceName: parsed.data.OTEL_SERVICE_NAME ?? serviceName, exporter: new OTLPTraceExporter() });
}

function tracer() {
  return trace.getTracer(TRACER);
}

/**
 * Runs `fn` inside a new span (a child of the active one, or of `parent`), ended when `fn`
 * settles; a thrown error is recorded on it. When tracing is off, just runs `fn`.
 */
export async function withSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context; links?: Link[] },
  fn: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!enabled) return fn(undefined);
  const parent = options.parent ?? context.active();
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes ?? {}, links: options.links ?? [] }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Starts a span the caller ends (a server request, whose end is an event, not a promise). */
export function startSpan(name: string, options: { kind?: SpanKind; attributes?: Attributes; parent?: Context }): { span: Span; context: Context } | undefined {
  if (!enabled) return undefined;
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes ?? {} }, parent);
  return { span, context: trace.setSpan(parent, span) };
}

/** Runs `fn` with `ctx` as the active context (no-op when tracing is off). */
export function runInContext<T>(ctx: Context | undefined, fn: () => T): T {
  return enabled && ctx ? context.with(ctx, fn) : fn();
}

/** Adds the active trace's `traceparent` (and `tracestate`) to outgoing headers. */
export function injectTraceHeaders(set: (name: string, value: string) => void): void {
  if (!enabled) return;
  propagation.inject(context.active(), undefined, { set: (_carrier: unknown, name: string, value: string) => set(name, value) });
}

/** The trace context an incoming request's headers carry (a new trace's root when they carry none). */
export function contextFromHeaders(get: (name: string) => string | undefined): Context | undefined {
  if (!enabled) return undefined;
  return propagation.extract(ROOT_CONTEXT, undefined, { get: (_carrier: unknown, name: string) => get(name), keys: () => ['traceparent', 'tracestate'] });
}

/** The active span's `traceparent`, to store beside work that continues later (an outbox event, a webhook delivery). */
export function currentTraceparent(): string | null {
  if (!enabled) return null;
  let traceparent: string | null = null;
  injectTraceHeaders((name, value) => {
    if (name === 'traceparent') traceparent = value;
  });
  return traceparent;
}

/** The context a stored `traceparent` continues (undefined when tracing is off or none was stored). */
export function contextFromTraceparent(traceparent: string | null | undefined): Context | undefined {
  if (!enabled || !traceparent) return undefined;
  return contextFromHeaders((name) => (name === 'traceparent' ? traceparent : undefined));
}

/** The active span, to name or annotate it once more is known (the GraphQL operation). */
export function activeSpan(): Span | undefined {
  return enabled ? trace.getActiveSpan() : undefined;
}
