import type { RequestHandler } from 'express';
import { z } from 'zod';
import { HttpError } from './errors.js';

export const faultOptionsSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(600_000),
    errorRate: z.number().min(0).max(1),
    timeoutRate: z.number().min(0).max(1),
    throttleRate: z.number().min(0).max(1),
    /** CMS only: the share of webhook deliveries silently lost (never sent, never retried). */
    webhookDropRate: z.number().min(0).max(1),
  })
  .partial()
  .strict();

export type FaultOptions = z.infer<typeof faultOptionsSchema>;
export type Faults = Required<FaultOptions>;

const NO_FAULTS: Faults = { latencyMs: 0, errorRate: 0, timeoutRate: 0, throttleRate: 0, webhookDropRate: 0 };

/** The faults one simulator currently injects; `set` replaces them (unset keys become 0). */
export class FaultState {
  private current: Faults;

  constructor(initial: FaultOptions = {}) {
    this.current = { ...NO_FAULTS, ...initial };
  }

  get(): Faults {
    return { ...this.current };
  }

  set(faults: FaultOptions): void {
    this.current = { ...NO_FAULTS, ...faultOptionsSchema.parse(faults) };
  }
}

const SERVER_ERRORS = [500, 502, 503] as const;

/**
 * Injects latency, hung requests (never answered: the client must time out), random 5xx and
 * random 429s, in that order, before the API route runs.
 */
export function injectFaults(state: FaultState, random: () => number = Math.random): RequestHandler {
  return (_req, _res, next) => {
    const faults = state.get();
    const proceed = () => {
      if (random() < faults.timeoutRate) return;
      if (random() < faults.errorRate) {
        const status = SERVER_ERRORS[Math.floor(random() * SERVER_ERRORS.length)] ?? 500;
        return next(new HttpError(status, 'ServiceUnavailable', `Simulated server error (${status})`));
      }
      if (random() < faults.throttleRate) {
        return next(new HttpError(429, 'RateLimited', 'Simulated throttling; retry later', { 'Retry-After': '1' }));
      }
      next();
    };
    if (faults.latencyMs > 0) setTimeout(proceed, faults.latencyMs);
    else proceed();
  };
}
