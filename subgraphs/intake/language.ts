import type { Language } from './routing/vocabulary.js';

const SPANISH = new Set(['el', 'la', 'los', 'las', 'de', 'del', 'que', 'y', 'en', 'un', 'una', 'por', 'para', 'con', 'mi', 'me', 'es', 'no', 'se', 'lo', 'fue', 'estoy', 'tengo', 'necesito', 'ayuda', 'accidente', 'abogado']);
const ENGLISH = new Set(['the', 'a', 'an', 'of', 'and', 'to', 'in', 'is', 'was', 'my', 'i', 'me', 'for', 'with', 'on', 'at', 'it', 'need', 'help', 'have', 'had', 'lawyer', 'accident']);

/**
 * English or Spanish, from the words of a description (used when a submission names no
 * language): Spanish when its common words outnumber English ones, or it has Spanish letters.
 */
export function detectLanguage(text: string): Language {
  const words = text.toLowerCase().match(/[a-záéíóúñü]+/g) ?? [];
  let spanish = 0;
  let english = 0;
  for (const word of words) {
    if (SPANISH.has(word)) spanish += 1;
    if (ENGLISH.has(word)) english += 1;
  }
  if (/[ñ¿¡]/.test(text)) spanish += 2;
  return spanish > english ? 'es' : 'en';
}
