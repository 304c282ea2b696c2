import type { z } from 'zod';
import type { Logger } from '../logger.js';
import { BodyTooLargeError, DEFAULT_MAX_RESPONSE_BYTES, readCappedText } from './body.js';
import { CircuitBreaker, DEFAULT_BREAKER, type BreakerPolicy } from './breaker.js';
import { LegacyRequestError, LegacyResponseError, LegacyUnavailableError, LegacyVersionRetiredError, type LegacySystemName } from './errors.js';
import { legacyErrorMessage } from './legacy-message.js';
import { RateLimitPacer, TokenBucket, backoffDelay, sleep } from './pacing.js';
import { legacyDuration, legacyRateLimitWaitSeconds, legacyRateLimitWaits, legacyRequests, watchCircuit } from '../observability/metrics.js';
import { SpanKind, injectTraceHeaders, withSpan } from '../observability/tracing.js';

export interface RetryPolicy {
  /** Attempts for 5xx, timeouts and network errors (the first try included). */
  maxAttempts: number;
  /** 429s tolerated per call, on top of maxAttempts: throttling is expected, not a failure. */
  maxThrottled: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest rate-limit or Retry-After wait we accept; a longer one fails the call at once. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, maxThrottled: 20, baseDelayMs: 250, maxDelayMs: 8000, maxWaitMs: 120_000 };

export interface LegacyHttpClientOptions {
  system: LegacySystemName;
  baseUrl: string;
  /** The bearer token, or a provider of the current one (an OAuth connection's access token). */
  token: string | TokenProvider;
  /** Per attempt, headers and body included. */
  timeoutMs: number;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  /** Aborts every call in flight and every wait (e.g. on shutdown). */
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** The system's request budget: a token bucket paces us to it (unset: only the server's headers pace us). */
  requestsPerMinute?: number;
  /** The system's circuit: pass one to share it, or a policy for a circuit of this client's own. */
  breaker?: CircuitBreaker | Partial<BreakerPolicy>;
  /** Sent as X-API-VERSION: the legacy API version this adapter was written for. */
  apiVersion?: string;
  /** The largest answer read (LEGACY_MAX_RESPONSE_BYTES); a larger one fails the call, see attempt(). */
  maxResponseBytes?: number;
}

/**
 * The current access token, refreshed by the provider when about to expire; `rejected` is told of
 * a 401 to a token and returns a fresh one (the call is retried with it once) or throws.
 */
export interface TokenProvider {
  current(): Promise<string>;
  rejected(token: string): Promise<string>;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export type Query = Record<string, string | number | undefined>;

/** What a client did; tests and benchmarks read it. */
export interface LegacyHttpStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  retries: number;
  throttled: number;
  /** Time spent waiting for the system's rate limit (its headers, Retry-After, our token bucket), in ms. */
  rateLimitWaitMs: number;
}

type Outcome<T> = { done: true; value: T } | { done: false; failure: string; throttled: boolean };

/**
 * The one HTTP client of every legacy adapter: bearer auth, a timeout on every attempt, pacing
 * from the rate-limit headers, Retry-After on 429, bounded retries with backoff and jitter for
 * 5xx/timeouts/network errors, typed errors, and JSON bodies validated by the caller's schema.
 * Calls of one client are meant to be sequential (a sync walks pages one after another).
 */
export class LegacyHttpClient {
  readonly system: LegacySystemName;
  readonly stats: LegacyHttpStats = { requests: 0, retries: 0, throttled: 0, rateLimitWaitMs: 0 };
  private readonly base: URL;
  private readonly retry: RetryPolicy;
  private readonly pacer = new RateLimitPacer();
  private readonly bucket: TokenBucket | undefined;
  readonly breaker: CircuitBreaker;

  constructor(private readonly options: LegacyHttpClientOptions) {
    this.system = options.system;
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.bucket = options.requestsPerMinute ? new TokenBucket(options.requestsPerMinute) : undefined;
    this.breaker = options.breaker instanceof CircuitBreaker ? options.breaker : new CircuitBreaker(options.system, { ...DEFAULT_BREAKER, ...options.breaker });
    watchCircuit(this.breaker);
  }

  get apiVersion(): string | undefined {
    return this.options.apiVersion;
  }

  /** A path relative to the base URL (with query), or an absolute URL the system handed out (paging). */
  url(pathOrUrl: string, query: Query = {}): URL {
    const url = /^https?:\/\//.test(pathOrUrl) ? new URL(pathOrUrl) : new URL(pathOrUrl.replace(/^\//, ''), this.base);
    // Never send the bearer token to another origin, whatever a `next` link says.
    if (url.origin !== this.base.origin) throw new LegacyResponseError(this.system, url.toString(), `a link points outside ${this.base.origin}`);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  }

  getJson<T>(pathOrUrl: string, schema: z.ZodType<T>, query?: Query): Promise<T> {
    return this.request('GET', pathOrUrl, schema, { query });
  }

  /**
   * Any method with an optional JSON body. A POST is retried like a GET: callers that create
   * things must tolerate a duplicate (a timeout may hide a success).
   */
  request<T>(method: Method, pathOrUrl: string, schema: z.ZodType<T>, options: { query?: Query; body?: unknown } = {}): Promise<T> {
    const url = this.url(pathOrUrl, options.query);
    // One span per call, retries and waits included; the query string stays out (it may name a client).
    return withSpan(`legacy ${this.system} ${method}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'casebridge.legacy.system': this.system, 'http.request.method': method, 'url.path': url.pathname },
    }, async (span) => {
      const before = { ...this.stats };
      try {
        return await this.call(method, url, schema, options.body);
      } finally {
        span?.setAttributes({
          'casebridge.legacy.attempts': this.stats.requests - before.requests,
          'casebridge.legacy.throttled': this.stats.throttled - before.throttled,
          'casebridge.legacy.rate_limit_wait_ms': this.stats.rateLimitWaitMs - before.rateLimitWaitMs,
        });
      }
    });
  }

  private async call<T>(method: Method, url: URL, schema: z.ZodType<T>, requestBody: unknown): Promise<T> {
    const text = url.toString();
    const body = requestBody === undefined ? undefined : JSON.stringify(requestBody);
    let failures = 0;
    let throttles = 0;
    const source = this.options.token;
    const provider = typeof source === 'string' ? undefined : source;
    let token = typeof source === 'string' ? source : await source.current();
    let renewed = false;
    let retry = false;
    for (;;) {
      await this.waitForRateLimit(this.pacer.delay(), text, 'server');
      if (this.bucket) await this.waitForRateLimit(this.bucket.reserve(), text, 'budget');
      this.breaker.admit();
      let outcome: Outcome<T>;
      try {
        outcome = await this.settle(() => this.attempt(url, schema, method, body, token, retry));
      } catch (error) {
        if (!provider || renewed || !(error instanceof LegacyRequestError) || error.status !== 401) throw error;
        renewed = true;
        retry = true;
        token = await provider.rejected(token);
        continue;
      }
      if (outcome.done) return outcome.value;
      if (outcome.throttled) throttles += 1;
      else failures += 1;
      if (failures >= this.retry.maxAttempts || throttles > this.retry.maxThrottled) {
        throw new LegacyUnavailableError(this.system, text, failures + throttles, outcome.failure);
      }
      this.stats.retries += 1;
      retry = true;
      this.options.logger.debug({ system: this.system, url: text, failure: outcome.failure }, 'legacy call failed; retrying');
      if (!outcome.throttled) await this.wait(backoffDelay(failures, this.retry.baseDelayMs, this.retry.maxDelayMs), text);
    }
  }

  /** Tells the circuit how the attempt went: any answer but a transient failure means the system is up. */
  private async settle<T>(attempt: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    let outcome: Outcome<T>;
    try {
      outcome = await attempt();
    } catch (error) {
      if (this.options.signal?.aborted) this.breaker.released();
      else this.breaker.succeeded();
      throw error;
    }
    if (outcome.done || outcome.throttled) this.breaker.succeeded();
    else this.breaker.failed(outcome.failure);
    return outcome;
  }

  /** `source`: the server's headers, or our own budget; counted in the stats and the metrics. */
  private async waitForRateLimit(ms: number, url: string, source: 'server' | 'budget'): Promise<void> {
    await this.wait(ms, url, source);
    this.stats.rateLimitWaitMs += Math.max(0, ms);
  }

  /** `source`: a rate limit, counted in the metrics; none for a backoff. */
  private async wait(ms: number, url: string, source?: 'server' | 'budget'): Promise<void> {
    if (ms > this.retry.maxWaitMs) throw new LegacyUnavailableError(this.system, url, 0, `asked to wait ${Math.ceil(ms / 1000)} s, more than ${this.retry.maxWaitMs / 1000} s`);
    if (source && ms > 0) {
      legacyRateLimitWaits.inc({ system: this.system, source });
      legacyRateLimitWaitSeconds.inc({ system: this.system, source }, ms / 1000);
    }
    await sleep(ms, this.options.signal);
  }

  /** One HTTP request, counted in the metrics by its status (or timeout, network, aborted) and whether it was a retry. */
  private async attempt<T>(url: URL, schema: z.ZodType<T>, method: Method, requestBody: string | undefined, token: string, retry: boolean): Promise<Outcome<T>> {
    const timer = legacyDuration.startTimer({ system: this.system });
    const seen = { status: 'network' };
    try {
      return await this.exchange(url, schema, method, requestBody, token, seen);
    } finally {
      timer();
      legacyRequests.inc({ system: this.system, status: seen.status, retry: String(retry) });
    }
  }

  private async exchange<T>(url: URL, schema: z.ZodType<T>, method: Method, requestBody: string | undefined, token: string, seen: { status: string }): Promise<Outcome<T>> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = this.options.signal ? AbortSignal.any([timeout, this.options.signal]) : timeout;
    this.stats.requests += 1;
    let response: Response;
    let body: string;
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(requestBody === undefined ? {} : { 'content-type': 'application/json' }),
      ...(this.options.apiVersion ? { 'x-api-version': this.options.apiVersion } : {}),
      ...this.options.headers,
      authorization: `Bearer ${token}`,
    };
    injectTraceHeaders((name, value) => {
      headers[name] = value;
    });
    try {
      response = await fetch(url, {
        method,
        headers,
        body: requestBody,
        signal,
      });
      seen.status = String(response.status);
      body = await readCappedText(response, this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    } catch (error) {
      if (this.options.signal?.aborted) {
        seen.status = 'aborted';
        throw this.options.signal.reason;
      }
      // Not retried: the same request gets the same oversized page, and each try would read the
      // cap again. The sync run fails with this error (sync health shows it); the next run retries.
      if (error instanceof BodyTooLargeError) throw new LegacyResponseError(this.system, url.toString(), error.message);
      if (timeout.aborted) seen.status = 'timeout';
      const failure = timeout.aborted ? `no answer within ${this.options.timeoutMs} ms` : `network error: ${(error as Error).message}`;
      return { done: false, failure, throttled: false };
    }
    this.pacer.observe(response.headers);
    if (response.status === 429) {
      this.stats.throttled += 1;
      const wait = this.pacer.observeRetryAfter(response.headers);
      // Without Retry-After, back off as for a server error.
      return { done: false, failure: `429 ${legacyErrorMessage(body)}`, throttled: wait !== undefined };
    }
    if (response.status >= 500 || response.status === 408) return { done: false, failure: `${response.status} ${legacyErrorMessage(body)}`, throttled: false };
    if (response.status === 410) throw new LegacyVersionRetiredError(this.system, url.toString(), this.options.apiVersion ?? null, legacyErrorMessage(body));
    if (!response.ok) throw new LegacyRequestError(this.system, url.toString(), response.status, legacyErrorMessage(body));
    let json: unknown;
    try {
      json = body.trim() === '' ? null : JSON.parse(body);
    } catch {
      throw new LegacyResponseError(this.system, url.toString(), `the body is not JSON (${body.slice(0, 80)})`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
      throw new LegacyResponseError(this.system, url.toString(), problems);
    }
    return { done: true, value: parsed.data };
  }
}
