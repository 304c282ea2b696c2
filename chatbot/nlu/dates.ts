import { BuiltinMicrosoft } from '@nlpjs/builtin-microsoft';
import type { Language } from '../language.js';
import type { DateExtractor } from './types.js';

const isoDate = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : null);

/**
 * Microsoft Recognizers-Text through NLP.js (offline): "since last week", "next week",
 * "el 3 de marzo". A date without a year is the last one before `now` (questions about what is
 * new look back).
 */
export function createDateExtractor(): DateExtractor {
  const builtin = new BuiltinMicrosoft({ builtins: ['DateTime'] });
  // The recognizers compile their patterns on first use (about a second per language): pay it at start-up.
  builtin.findBuiltinEntities('since last week', 'en');
  builtin.findBuiltinEntities('desde el 3 de marzo', 'es');
  return {
    since(text: string, language: Language, now: Date): Date | null {
      for (const edge of builtin.findBuiltinEntities(text, language).edges) {
        const r = edge.resolution;
        const found = isoDate(r['start']) ?? isoDate(r['strPastStartValue']) ?? isoDate(r['strPastValue']) ?? isoDate(r['date']) ?? isoDate(r['strValue']);
        if (found && !Number.isNaN(found.getTime())) return found > now ? isoDate(r['strPastStartValue']) ?? found : found;
      }
      return null;
    },
  };
}
