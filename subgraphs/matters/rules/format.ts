/** Dates, times and money as a client reads them, in the firm's time zone. */

function ordinal(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[day % 10] ?? 'th'}`;
}

// Building a formatter costs far more than using one: a first import formats hundreds of thousands of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();

// And so does formatting: the same instants (a matter's "now", a shared hearing date) come back often.
const formatted = new Map<string, Record<string, string>>();

function parts(at: Date, timeZone: string): Record<string, string> {
  const key = `${timeZone}|${at.getTime()}`;
  const known = formatted.get(key);
  if (known) return known;
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true });
    formatters.set(timeZone, formatter);
  }
  const result = Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, p.value]));
  if (formatted.size >= 10_000) formatted.clear();
  formatted.set(key, result);
  return result;
}

/** "October 15th", with ", 2027" when the year is not the current one. */
export function humanDate(at: Date, timeZone: string, now: Date): string {
  const p = parts(at, timeZone);
  const sameYear = parts(now, timeZone).year === p.year;
  return `${p.month} ${ordinal(Number(p.day))}${sameYear ? '' : `, ${p.year}`}`;
}

/** A calendar date (YYYY-MM-DD, no zone) as humanDate shows it. */
export function humanDay(isoDate: string, timeZone: string, now: Date): string {
  // Noon UTC is the same calendar day in every zone from UTC−11 to UTC+11.
  return humanDate(new Date(`${isoDate.slice(0, 10)}T12:00:00Z`), timeZone, now);
}

/** "9:30 AM". */
export function humanTime(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.hour}:${p.minute} ${p.dayPeriod}`;
}

/** "$1,234.50" from an exact decimal string, without going through floating point. */
export function humanMoney(amount: string, currency: string): string {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = amount.replace(/^-/, '').split('.');
  const cents = `${fraction}00`.slice(0, 2);
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = currency === 'USD' ? '$' : `${currency} `;
  return `${negative ? '-' : ''}${symbol}${grouped}.${cents}`;
}

// Spanish, through Intl's es-ES: "15 de octubre" (", de 2027" when not this year), "09:30", "1234,50 US$".
const esDates = new Map<string, Intl.DateTimeFormat>();
const esFormatter = (key: string, options: Intl.DateTimeFormatOptions) => {
  let formatter = esDates.get(key);
  if (!formatter) esDates.set(key, formatter = new Intl.DateTimeFormat('es-ES', options));
  return formatter;
};

/** "15 de octubre", with " de 2027" when the year is not the current one. */
export function humanDateEs(at: Date, timeZone: string, now: Date): string {
  const sameYear = parts(now, timeZone).year === parts(at, timeZone).year;
  return esFormatter(`${timeZone}|${sameYear}`, { timeZone, day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }) }).format(at);
}

/** A calendar date (YYYY-MM-DD, no zone) as humanDateEs shows it. */
export const humanDayEs = (isoDate: string, timeZone: string, now: Date): string =>
  humanDateEs(new Date(`${isoDate.slice(0, 10)}T12:00:00Z`), timeZone, now);

/** "09:30" (24-hour, as Spanish readers expect). */
export const humanTimeEs = (at: Date, timeZone: string): string =>
  esFormatter(`${timeZone}|time`, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

const esMoney = new Map<string, Intl.NumberFormat>();
/** "1234,50 US$" from an exact decimal string: Intl formats a numeric string exactly, without floating point. */
export function humanMoneyEs(amount: string, currency: string): string {
  let formatter = esMoney.get(currency);
  if (!formatter) esMoney.set(currency, formatter = new Intl.NumberFormat('es-ES', { style: 'currency', currency }));
  // Intl.NumberFormat v3 (Node 20) takes a decimal string exactly; the ES2022 typings only know numbers.
  return (formatter.format as unknown as (value: string) => string)(amount);
}
