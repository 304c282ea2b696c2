export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

// Words far more common in one language's questions than the other's (accents stripped).
const SPANISH = new Set(['cuando', 'que', 'cual', 'cuanto', 'cuanta', 'debo', 'mi', 'mis', 'es', 'el', 'la', 'los', 'las', 'de', 'del', 'y', 'por', 'para', 'hola', 'gracias', 'quiero', 'hablar', 'abogado', 'abogada', 'audiencia', 'caso', 'asunto', 'recibieron', 'recibio', 'tengo', 'hay', 'como', 'donde', 'quien', 'proxima', 'proximo', 'factura', 'facturas', 'saldo', 'documento', 'nuevo', 'novedades', 'ayuda', 'puedo', 'necesito', 'usted', 'ustedes', 'con', 'sobre', 'estado', 'buenas', 'buenos', 'dias', 'tardes', 'noches', 'pague', 'pagar', 'juicio', 'cita', 'fecha', 'semana', 'desde', 'ya', 'sus', 'su', 'se', 'lo', 'le', 'una', 'un', 'esta', 'estan', 'mio', 'demanda', 'declaracion', 'transcripcion']);
const ENGLISH = new Set(['when', 'what', 'which', 'how', 'much', 'do', 'does', 'i', 'my', 'is', 'the', 'of', 'and', 'for', 'to', 'hi', 'hello', 'thanks', 'want', 'talk', 'lawyer', 'attorney', 'hearing', 'case', 'matter', 'did', 'you', 'get', 'have', 'there', 'where', 'who', 'next', 'bill', 'bills', 'balance', 'owe', 'document', 'new', 'help', 'can', 'need', 'with', 'about', 'status', 'court', 'date', 'week', 'since', 'receive', 'received', 'trial', 'a', 'an', 'are', 'it', 'me', 'any', 'whats', 'im']);

export const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
export const words = (text: string) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The language a message is most likely in, when the caller did not say; null when it cannot tell. */
export function guessLanguage(text: string): Language | null {
  if (/[¿¡ñ]/i.test(text)) return 'es';
  let score = 0;
  for (const word of words(text)) {
    if (SPANISH.has(word)) score += 1;
    if (ENGLISH.has(word)) score -= 1;
  }
  return score > 0 ? 'es' : score < 0 ? 'en' : null;
}
