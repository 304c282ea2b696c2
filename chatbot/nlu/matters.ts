import { fold, words } from '../language.js';

export interface NamedMatter {
  id: string;
  number: string;
  title: string;
  practiceArea: string | null;
}

// Spanish words clients use for the kind of matter, mapped to words of English titles and practice areas.
const SYNONYMS: Record<string, string> = {
  arrendamiento: 'lease', alquiler: 'lease', arriendo: 'lease', inquilino: 'lease', casero: 'lease', contrato: 'agreement',
  empleo: 'employment', laboral: 'employment', trabajo: 'employment', despido: 'employment',
  testamento: 'will', herencia: 'estate', fideicomiso: 'trust', sucesion: 'estate',
  litigio: 'litigation', pleito: 'litigation', demanda: 'litigation', lawsuit: 'litigation', suit: 'litigation',
  inmobiliario: 'estate', bienes: 'estate', divorcio: 'family', custodia: 'family',
};
const STOP = new Set(['the', 'and', 'for', 'with', 'review', 'update', 'matter', 'case', 'v', 'vs', 'of', 'de', 'del', 'la', 'el', 'mgmt', 'inc', 'corp', 'llc', 'st']);
const ORDINALS: Array<[RegExp, number]> = [
  [/\b(first|1st|primer|primero|primera|uno|1)\b/, 0], [/\b(second|2nd|segundo|segunda|dos|2)\b/, 1],
  [/\b(third|3rd|tercer|tercero|tercera|tres|3)\b/, 2], [/\b(last|ultimo|ultima)\b/, -1],
];

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** Whether a word of the message is `token`, allowing one typo in longer words. */
const mentions = (said: ReadonlySet<string>, token: string) =>
  said.has(token) || (token.length >= 5 && [...said].some((w) => w.length >= 5 && distance(w, token) <= 1));

/** The words that tell a client's matters apart: in one title (or practice area) but not in all of them. */
function distinctive(matters: readonly NamedMatter[]): Map<string, Set<string>> {
  const tokens = new Map(matters.map((m) => [m.id, new Set(words(`${m.title} ${m.practiceArea ?? ''}`).filter((w) => w.length >= 3 && !STOP.has(w)))]));
  const counts = new Map<string, number>();
  for (const set of tokens.values()) for (const t of set) counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const set of tokens.values()) for (const t of [...set]) if (matters.length > 1 && counts.get(t) === matters.length) set.delete(t);
  return tokens;
}

export type MatterMention = { kind: 'matter'; id: string } | { kind: 'unknown' } | { kind: 'none' };

/**
 * Which of the caller's own matters a message names, by number, by words of its title or practice
 * area (Spanish synonyms and one typo allowed), or by position in the list just offered. A matter
 * number, or an "X v. Y" case name, that is not one of theirs is `unknown`, exactly as one that
 * does not exist.
 */
export function findMatter(message: string, matters: readonly NamedMatter[], offered: readonly string[] = []): MatterMention {
  const text = fold(message);
  const said = new Set(words(message).map((w) => SYNONYMS[w] ?? w));
  for (const m of matters) if (text.includes(fold(m.number)) || new RegExp(`\\b${fold(m.number).split('-')[0]}\\b`).test(text)) return { kind: 'matter', id: m.id };
  if (/\b\d{5}(-[a-z]+)?\b/.test(text)) return { kind: 'unknown' };
  const tokens = distinctive(matters);
  const scored = matters.map((m) => ({ id: m.id, score: [...(tokens.get(m.id) ?? [])].filter((t) => mentions(said, t)).length }))
    .filter((s) => s.score > 0).sort((a, b) => b.score - a.score);
  if (scored.length && (scored.length === 1 || scored[0]!.score > scored[1]!.score)) return { kind: 'matter', id: scored[0]!.id };
  const caseName = /\b([a-z]+)\s+(v|vs|versus|contra)\.?\s+([a-z]+)/.exec(text);
  if (caseName && !matters.some((m) => fold(m.title).includes(caseName[3]!))) return { kind: 'unknown' };
  if (offered.length && text.split(' ').length <= 6) {
    for (const [pattern, index] of ORDINALS) {
      if (!pattern.test(text)) continue;
      const id = index === -1 ? offered.at(-1) : offered[index];
      if (id) return { kind: 'matter', id };
    }
  }
  return { kind: 'none' };
}
