import { BuiltinMicrosoft } from '@nlpjs/builtin-microsoft';
import type { Language } from '../language.js';
import type { DateExtractor } from './types.js';

// The recognizers give some resolutions as Date objects, others as ISO strings.
const isoDate = (value: unknown) => {
  if (value instanceof Date) return value;
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : null;
};

/** Monday 00:00 UTC of the week `offsetDays` away from `now`. */
function startOfWeek(now: Date, offsetDays: number): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offsetDays));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day;
}

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
      // The Spanish recognizer resolves "la semana pasada" to this week and "el mes pasado" to this month.
      if (language === 'es' && /semana pasada/i.test(text)) return startOfWeek(now, -7);
      if (language === 'es' && /mes pasado/i.test(text)) return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
      for (const edge of builtin.findBuiltinEntities(text, language).edges) {
        const r = edge.resolution;
        const found = isoDate(r['start']) ?? isoDate(r['strPastStartValue']) ?? isoDate(r['strPastValue']) ?? isoDate(r['date']) ?? isoDate(r['strValue']);
        if (found && !Number.isNaN(found.getTime())) return found > now ? isoDate(r['strPastStartValue']) ?? found : found;
      }
      return null;
    },
  };
}
