import type { MatterStage } from '../generated/resolvers.js';

/**
 * The official stages of a matter, and the moves between them: the one file the firm reads to
 * know what "stage" means. Only the rules (rules/rules.ts) and a staff override move a matter,
 * and both go through `transition` below.
 *
 *   INTAKE → ENGAGED → PLEADINGS → DISCOVERY → DISCOVERY_COMPLETE → PRE_TRIAL → TRIAL → RESOLUTION → CLOSED
 *
 * - A matter moves forward only, and may skip stages.
 * - Practice areas without a court case use a subset (PRACTICE_AREA_STAGES): an estate plan goes
 *   INTAKE → ENGAGED → RESOLUTION → CLOSED, and is never "in discovery" whatever its documents say.
 * - CLOSED is reachable from every other stage (a matter can settle or be dropped at any time).
 * - Nothing leaves CLOSED: a reopened matter is a new matter in the CMS.
 * - Staying in the same stage is not a move.
 */
export const MATTER_STAGES = [
  'INTAKE', 'ENGAGED', 'PLEADINGS', 'DISCOVERY', 'DISCOVERY_COMPLETE', 'PRE_TRIAL', 'TRIAL', 'RESOLUTION', 'CLOSED',
] as const satisfies readonly MatterStage[];
// The SDL's enum MatterStage (generated); the list above adds what it cannot say, the order.
export type { MatterStage };

/** Where a matter starts before any rule has moved it. */
export const INITIAL_STAGE: MatterStage = 'INTAKE';

/** The allowed moves, written out so they can be read (and edited) without following code. */
export const TRANSITIONS: Readonly<Record<MatterStage, readonly MatterStage[]>> = {
  INTAKE: ['ENGAGED', 'PLEADINGS', 'DISCOVERY', 'DISCOVERY_COMPLETE', 'PRE_TRIAL', 'TRIAL', 'RESOLUTION', 'CLOSED'],
  ENGAGED: ['PLEADINGS', 'DISCOVERY', 'DISCOVERY_COMPLETE', 'PRE_TRIAL', 'TRIAL', 'RESOLUTION', 'CLOSED'],
  PLEADINGS: ['DISCOVERY', 'DISCOVERY_COMPLETE', 'PRE_TRIAL', 'TRIAL', 'RESOLUTION', 'CLOSED'],
  DISCOVERY: ['DISCOVERY_COMPLETE', 'PRE_TRIAL', 'TRIAL', 'RESOLUTION', 'CLOSED'],
  DISCOVERY_COMPLETE: ['PRE_TRIAL', 'TRIAL', 'RESOLUTION', 'CLOSED'],
  PRE_TRIAL: ['TRIAL', 'RESOLUTION', 'CLOSED'],
  TRIAL: ['RESOLUTION', 'CLOSED'],
  RESOLUTION: ['CLOSED'],
  CLOSED: [],
};

/** The stages of practice areas that use a subset, by practice area name (compared without case); the others use all. */
export const PRACTICE_AREA_STAGES: Readonly<Record<string, readonly MatterStage[]>> = {
  'Estate Planning': ['INTAKE', 'ENGAGED', 'RESOLUTION', 'CLOSED'],
  Corporate: ['INTAKE', 'ENGAGED', 'RESOLUTION', 'CLOSED'],
  Immigration: ['INTAKE', 'ENGAGED', 'RESOLUTION', 'CLOSED'],
};

const subsets = new Map(Object.entries(PRACTICE_AREA_STAGES).map(([area, stages]) => [area.trim().toLowerCase(), stages]));

/** The stages a matter of this practice area goes through. */
export const stagesOf = (practiceArea: string | null | undefined): readonly MatterStage[] =>
  subsets.get((practiceArea ?? '').trim().toLowerCase()) ?? MATTER_STAGES;

/** How a stage reads to a client, in a sentence ("your matter is now in …"). */
export const STAGE_LABELS: Readonly<Record<MatterStage, string>> = {
  INTAKE: 'intake',
  ENGAGED: 'engaged',
  PLEADINGS: 'pleadings',
  DISCOVERY: 'discovery',
  DISCOVERY_COMPLETE: 'discovery complete',
  PRE_TRIAL: 'pre-trial',
  TRIAL: 'trial',
  RESOLUTION: 'resolution',
  CLOSED: 'closed',
};

export const isMatterStage = (value: string): value is MatterStage => (MATTER_STAGES as readonly string[]).includes(value);

export type TransitionCheck = { allowed: true } | { allowed: false; reason: string };

/**
 * Whether a matter in `from` may move to `to` (within its practice area's stages, when given);
 * the reason says why not, in words staff can act on.
 */
export function transition(from: MatterStage, to: MatterStage, practiceArea?: string | null): TransitionCheck {
  const stages = stagesOf(practiceArea);
  if (from === to) return { allowed: false, reason: `The matter is already in ${to}.` };
  if (!stages.includes(to)) return { allowed: false, reason: `${practiceArea} matters do not use ${to}; their stages are ${stages.join(', ')}.` };
  const next = TRANSITIONS[from].filter((stage) => stages.includes(stage));
  if (next.includes(to)) return { allowed: true };
  return {
    allowed: false,
    reason: next.length === 0
      ? `A ${from} matter cannot move to another stage.`
      : `A matter in ${from} cannot move back to ${to}; it may move to ${next.join(', ')}.`,
  };
}
