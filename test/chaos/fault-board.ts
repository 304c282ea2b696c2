import type { FaultOptions, LegacySystem, RunningSimulators } from '../../legacy/start.js';

export type FaultKind = '5xx' | '429-storm' | 'stall';

/** What each kind of window injects (legacy/http/faults.ts). */
const FAULTS: Record<FaultKind, FaultOptions> = {
  '5xx': { errorRate: 0.3 },
  '429-storm': { throttleRate: 0.8 },
  stall: { latencyMs: 10_000 },
};

/**
 * The simulators' faults as the sum of the windows open now: windows on one system may overlap
 * (a stall inside a 5xx period), and closing one leaves the others in force.
 */
export class FaultBoard {
  private readonly open = new Map<LegacySystem, FaultKind[]>();

  constructor(private readonly sims: RunningSimulators) {}

  async during(system: LegacySystem, kind: FaultKind, ms: number): Promise<void> {
    this.open.set(system, [...(this.open.get(system) ?? []), kind]);
    this.apply(system);
    await new Promise((resolve) => setTimeout(resolve, ms));
    const kinds = this.open.get(system) ?? [];
    kinds.splice(kinds.indexOf(kind), 1);
    this.apply(system);
  }

  clear(): void {
    this.open.clear();
    for (const system of ['cms', 'dms', 'billing'] as const) this.sims.setFaults(system, {});
  }

  private apply(system: LegacySystem): void {
    this.sims.setFaults(system, Object.assign({}, ...(this.open.get(system) ?? []).map((k) => FAULTS[k])) as FaultOptions);
  }
}
