/**
 * The chaos schedule: what goes wrong and when, drawn from the seed alone so a failing run can be
 * replayed (CHAOS_SEED). The thread interleavings of a replay differ; the faults, their order and
 * timing, and the staff's choices do not.
 */
import type { LegacySystem } from '../../legacy/start.js';
import type { Random } from './random.js';

export type KillPoint = 'sync' | 'rules' | 'digest';

export type ChaosAction =
  /** 30 % 5xx, a 429 storm (80 % throttled) or 10 s stalls on every request, for a while. */
  | { kind: 'faults'; system: LegacySystem; fault: '5xx' | '429-storm' | 'stall'; forMs: number }
  /** The CMS and billing serve Clio 4.0.10 by default, retire up to 4.0.8; workers restart pinned to 4.0.10. */
  | { kind: 'version-switch' }
  /** SIGKILL a worker at the next moment it is syncing, running rules or sending a digest. */
  | { kind: 'kill-worker'; point: KillPoint }
  | { kind: 'pg-restart'; mode: 'fast' | 'immediate' }
  | { kind: 'smtp-outage'; forMs: number };

export interface Scheduled {
  atMs: number;
  action: ChaosAction;
}

export const SMTP_OUTAGE_MS = 60_000;
const SYSTEMS: readonly LegacySystem[] = ['cms', 'dms', 'billing'];

/** Every fault the issue names at least once, spread over the first 80 % of the run. */
export function chaosSchedule(random: Random, durationMs: number): Scheduled[] {
  if (durationMs < 90_000) throw new Error(`CHAOS_DURATION_SECONDS must be at least 90 (the SMTP outage alone lasts ${SMTP_OUTAGE_MS / 1000} s)`);
  const at = (from: number, to: number) => Math.round(durationMs * (from + random.next() * (to - from)));
  const plan: Scheduled[] = [];
  for (const system of SYSTEMS) plan.push({ atMs: at(0.05, 0.6), action: { kind: 'faults', system, fault: '5xx', forMs: random.int(20, 45) * 1000 } });
  for (let i = 0; i < 2; i++) plan.push({ atMs: at(0.05, 0.7), action: { kind: 'faults', system: random.pick(SYSTEMS)!, fault: '429-storm', forMs: 10_000 } });
  plan.push({ atMs: at(0.05, 0.7), action: { kind: 'faults', system: random.pick(SYSTEMS)!, fault: 'stall', forMs: random.int(12, 25) * 1000 } });
  plan.push({ atMs: at(0.3, 0.6), action: { kind: 'version-switch' } });
  const points: KillPoint[] = ['sync', 'rules', 'digest', random.pick<KillPoint>(['sync', 'rules', 'digest'])!];
  for (const point of points) plan.push({ atMs: at(0.1, 0.75), action: { kind: 'kill-worker', point } });
  plan.push({ atMs: at(0.15, 0.45), action: { kind: 'pg-restart', mode: 'fast' } });
  plan.push({ atMs: at(0.5, 0.75), action: { kind: 'pg-restart', mode: 'immediate' } });
  plan.push({ atMs: at(0.05, Math.max(0.06, 0.8 - SMTP_OUTAGE_MS / durationMs)), action: { kind: 'smtp-outage', forMs: SMTP_OUTAGE_MS } });
  return plan.sort((a, b) => a.atMs - b.atMs);
}

export function describeAction(action: ChaosAction): string {
  switch (action.kind) {
    case 'faults': return `${action.fault} on ${action.system} for ${action.forMs / 1000} s`;
    case 'version-switch': return 'CMS/billing switch to Clio API 4.0.10 (4.0.8 and older retired), workers restarted on it';
    case 'kill-worker': return `SIGKILL a worker during ${action.point}`;
    case 'pg-restart': return `pg_ctlcluster restart -m ${action.mode}`;
    case 'smtp-outage': return `SMTP down for ${action.forMs / 1000} s`;
  }
}
