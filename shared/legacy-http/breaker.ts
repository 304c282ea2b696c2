import type { LegacySystemName } from './errors.js';

export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface BreakerPolicy {
  /** Consecutive transient failures (5xx, timeouts, network errors) that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit fails fast before one probe request may try again. */
  cooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerPolicy = { failureThreshold: 10, cooldownMs: 30_000 };

/** A call refused without touching the network because the system's circuit is open. */
export class LegacyCircuitOpenError extends Error {
  override name = 'LegacyCircuitOpenError';
  constructor(
    readonly system: LegacySystemName,
    readonly retryInMs: number,
    readonly lastFailure: string,
  ) {
    super(`The ${system} system is failing (circuit open after repeated failures; last failure: ${lastFailure}); not calling it again for ${Math.ceil(retryInMs / 1000)} s.`);
  }
}

export type CircuitListener = (state: CircuitState, detail: { failures: number; lastFailure: string | null; at: Date }) => void;

/**
 * One circuit per legacy system: consecutive transient failures open it, and while it is open
 * every call fails at once instead of retrying into an outage. After the cooldown a single probe
 * goes through (half-open): its success closes the circuit, its failure opens it again.
 * Throttling (429) is the system working as designed and never counts.
 */
export class CircuitBreaker {
  private current: CircuitState = 'CLOSED';
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private lastFailure: string | null = null;
  private readonly listeners: CircuitListener[] = [];

  constructor(
    readonly system: LegacySystemName,
    private readonly policy: BreakerPolicy = DEFAULT_BREAKER,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    return this.current;
  }

  onChange(listener: CircuitListener): void {
    this.listeners.push(listener);
  }

  /** Throws LegacyCircuitOpenError unless a request may go now; claims the probe when half-open. */
  admit(): void {
    if (this.current === 'CLOSED') return;
    const elapsed = this.now() - this.openedAt;
    if (this.current === 'OPEN' && elapsed >= this.policy.cooldownMs) this.move('HALF_OPEN');
    if (this.current === 'HALF_OPEN' && !this.probing) {
      this.probing = true;
      return;
    }
    throw new LegacyCircuitOpenError(this.system, Math.max(0, this.policy.cooldownMs - elapsed), this.lastFailure ?? 'unknown');
  }

  /** The system answered (any status that is not a transient failure). */
  succeeded(): void {
    this.failures = 0;
    this.probing = false;
    if (this.current !== 'CLOSED') this.move('CLOSED');
  }

  failed(failure: string): void {
    this.failures += 1;
    this.lastFailure = failure;
    const probeFailed = this.current === 'HALF_OPEN';
    this.probing = false;
    if (probeFailed || (this.current === 'CLOSED' && this.failures >= this.policy.failureThreshold)) {
      this.openedAt = this.now();
      this.move('OPEN');
    }
  }

  /** A probe that ended without an answer either way (e.g. aborted): let the next call probe. */
  released(): void {
    this.probing = false;
  }

  private move(state: CircuitState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state, { failures: this.failures, lastFailure: this.lastFailure, at: new Date(this.now()) });
  }
}
