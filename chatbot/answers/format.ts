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

// Building an Intl formatter costs far more than using one (it loads locale data): one per shape, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(language: Language, timeZone: string, shape: 'dateTime' | 'date' | 'calendarDate'): Intl.DateTimeFormat {
  const key = `${language} ${timeZone} ${shape}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = shape === 'dateTime'
      ? { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }
      : { weekday: shape === 'date' ? 'long' : undefined, year: 'numeric', month: 'long', day: 'numeric', timeZone };
    formatters.set(key, format = new Intl.DateTimeFormat(LOCALES[language], options));
  }
  return format;
}

/** A date and time as the client reads it, in the firm's time zone, with the zone named. */
export function formatDateTime(iso: string, language: Language, timeZone: string): string {
  return dateTimeFormat(language, timeZone, 'dateTime').format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD, or the day of a timestamp in the firm's time zone). */
export function formatDate(iso: string, language: Language, timeZone: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return dateOnly
    ? dateTimeFormat(language, 'UTC', 'calendarDate').format(new Date(`${iso}T12:00:00Z`))
    : dateTimeFormat(language, timeZone, 'date').format(new Date(iso));
}

const LISTS: Record<Language, Intl.ListFormat> = {
  en: new Intl.ListFormat(LOCALES.en, { style: 'long', type: 'disjunction' }),
  es: new Intl.ListFormat(LOCALES.es, { style: 'long', type: 'disjunction' }),
};
export const list = (items: readonly string[], language: Language) => LISTS[language].format(items);
