import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's one Prometheus registry and every metric casebridge records (docs/operations.md,
 * "Metrics", says what each means). A process has one registry whatever it runs: under `npm start`
 * the gateway, the subgraphs and the worker all record here, and one metrics server serves it
 * (metrics-server.ts). Recording is a counter increment or a histogram observation: nothing here
 * touches the network or the database on the request path.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const graphqlRequests = new Counter({
  name: 'casebridge_graphql_requests_total',
  help: 'GraphQL operations the gateway answered, by operation name, outcome (ok or the first error code) and role.',
  labelNames: ['operation', 'outcome', 'role'] as const,
  registers: [registry],
});

export const graphqlDuration = new Histogram({
  name: 'casebridge_graphql_request_duration_seconds',
  help: 'Time from an operation reaching the gateway to its answer, by operation name, outcome and role.',
  labelNames: ['operation', 'outcome', 'role'] as const,
  buckets: SECONDS_BUCKETS,
  registers: [registry],
});

export const subgraphFetchDuration = new Histogram({
  name: 'casebridge_subgraph_fetch_duration_seconds',
  help: 'One fetch from the gateway to a subgraph, by subgraph and outcome (ok, error).',
  labelNames: ['subgraph', 'outcome'] as const,
  buckets: SECONDS_BUCKETS,
  registers: [registry],
});

export const legacyRequests = new Counter({
  name: 'casebridge_legacy_requests_total',
  help: 'HTTP requests to a legacy system, by system, status (the HTTP status, or timeout, network) and whether the request was a retry.',
  labelNames: ['system', 'status', 'retry'] as const,
  registers: [registry],
});

export const legacyDuration = new Histogram({
  name: 'casebridge_legacy_request_duration_seconds',
  help: 'One HTTP request to a legacy system (one attempt), by system.',
  labelNames: ['system'] as const,
  buckets: SECONDS_BUCKETS,
  registers: [registry],
});

export const legacyRateLimitWaits = new Counter({
  name: 'casebridge_legacy_rate_limit_waits_total',
  help: 'Legacy calls held back before being sent, by system and source (server: its rate-limit headers or Retry-After; budget: our own token bucket).',
  labelNames: ['system', 'source'] as const,
  registers: [registry],
});

export const legacyRateLimitWaitSeconds = new Counter({
  name: 'casebridge_legacy_rate_limit_wait_seconds_total',
  help: 'Seconds legacy calls spent held back by rate limits, by system and source.',
  labelNames: ['system', 'source'] as const,
  registers: [registry],
});

export const gatewayRateLimited = new Counter({
  name: 'casebridge_gateway_rate_limited_total',
  help: 'Requests the gateway refused with 429 for going over a rate, by limit (principal: the role\'s RATE_LIMIT_*_PER_MINUTE; address: RATE_LIMIT_ADDRESS_PER_MINUTE).',
  labelNames: ['limit'] as const,
  registers: [registry],
});

export const circuitState = new Gauge({
  name: 'casebridge_legacy_circuit_state',
  help: 'Each legacy system\'s circuit breaker in this process: 1 for its current state (CLOSED, OPEN, HALF_OPEN), 0 for the others.',
  labelNames: ['system', 'state'] as const,
  registers: [registry],
});

export const liveConnections = new Gauge({
  name: 'casebridge_live_connections',
  help: 'graphql-ws connections open on this gateway (signed in).',
  registers: [registry],
});

export const liveSubscriptions = new Gauge({
  name: 'casebridge_live_subscriptions',
  help: 'Live subscriptions running on this gateway.',
  registers: [registry],
});

export const loginFailures = new Counter({
  name: 'casebridge_login_failures_total',
  help: 'Refused sign-ins at POST /auth/login, by reason (credentials: unknown email, wrong password or disabled account; account_locked; address_locked).',
  labelNames: ['reason'] as const,
  registers: [registry],
});

/**
 * A label value the caller chooses (an operation name) kept within a fixed number of distinct
 * values per process: past `max`, new values become `other`, so a client inventing names cannot
 * grow the registry without bound.
 */
export function boundedLabel(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max || value.length > 100) return 'other';
    seen.add(value);
    return value;
  };
}

const operationLabel = boundedLabel(200);
const outcomeLabel = boundedLabel(40);

/** One GraphQL operation the gateway answered (recorded once its response is done, off the request's path). */
export function recordGraphQLOperation(operation: { name: string | null; errorCodes: readonly string[]; role: string | null; seconds: number }): void {
  const labels = {
    operation: operationLabel(operation.name ?? 'anonymous'),
    outcome: outcomeLabel(operation.errorCodes[0] ?? 'ok'),
    role: operation.role ?? 'anonymous',
  };
  graphqlRequests.inc(labels);
  graphqlDuration.observe(labels, operation.seconds);
}

const CIRCUIT_STATES = ['CLOSED', 'OPEN', 'HALF_OPEN'] as const;
type CircuitStateName = (typeof CIRCUIT_STATES)[number];
const watchedCircuits = new WeakSet<object>();

/** Keeps casebridge_legacy_circuit_state in step with a legacy system's breaker (once per breaker, however many clients share it). */
export function watchCircuit(breaker: { system: string; state: CircuitStateName; onChange(listener: (state: CircuitStateName) => void): void }): void {
  if (watchedCircuits.has(breaker)) return;
  watchedCircuits.add(breaker);
  const show = (current: CircuitStateName) => {
    for (const state of CIRCUIT_STATES) circuitState.set({ system: breaker.system, state }, state === current ? 1 : 0);
  };
  show(breaker.state);
  breaker.onChange(show);
}

/** A held place (a live subscription) counted in `gauge` until it is given back, once. */
export function countedRelease(release: () => void, gauge: Gauge): () => void {
  gauge.inc();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    gauge.dec();
    release();
  };
}
