import type { Language } from '../language.js';

const LOCALES: Record<Language, string> = { en: 'en-US', es: 'es-ES' };

/** Exact money from the graph's decimal string: digits regrouped, never through a float. */
export function formatMoney(amount: string, currency: string, language: Language): string {
  const negative = amount.startsWith('-');
  const [whole = '0', cents = '00'] = amount.replace(/^-/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, language === 'en' ? ',' : '.');
  const number = `${negative ? '-' : ''}${grouped}${language === 'en' ? '.' : ','}${cents.padEnd(2, '0')}`;
  if (language === 'en') return currency === 'USD' ? `$${number}`.replace('$-', '-$') : `${number} ${currency}`;
  return `${number} ${currency === 'USD' ? 'US$' : currency}`;
}

/** A date and time as the client reads it, in the firm's time zone, with the zone named. */
export function formatDateTime(iso: string, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short',
  }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD, or the day of a timestamp in the firm's time zone). */
export function formatDate(iso: string, language: Language, timeZone: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return new Intl.DateTimeFormat(LOCALES[language], {
    weekday: dateOnly ? undefined : 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: dateOnly ? 'UTC' : timeZone,
  }).format(new Date(dateOnly ? `${iso}T12:00:00Z` : iso));
}

export const list = (items: readonly string[], language: Language) =>
  new Intl.ListFormat(LOCALES[language], { style: 'long', type: 'disjunction' }).format(items);
