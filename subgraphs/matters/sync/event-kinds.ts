import type { MatterEventKind } from '../entities/index.js';

/**
 * CMS calendar event type names → our event kinds. Names are compared lowercased with
 * punctuation and extra spaces removed; a type nobody mapped (or none at all) is OTHER, and the
 * raw name stays in legacy_type for staff.
 */
const EVENT_KINDS: ReadonlyArray<readonly [MatterEventKind, readonly string[]]> = [
  ['HEARING', ['hearing', 'court date', 'court appearance', 'motion hearing', 'status conference']],
  ['TRIAL', ['trial', 'jury trial', 'bench trial']],
  ['DEPOSITION', ['deposition', 'depo']],
  ['MEETING', ['meeting', 'conference', 'client meeting', 'call', 'mediation']],
  ['DEADLINE', ['deadline', 'due date', 'filing deadline', 'statute of limitations']],
];

const byName = new Map(EVENT_KINDS.flatMap(([kind, names]) => names.map((name) => [name, kind] as const)));

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

export function eventKindOf(eventTypeName: string | null | undefined): MatterEventKind {
  if (!eventTypeName) return 'OTHER';
  return byName.get(normalizeName(eventTypeName)) ?? 'OTHER';
}
