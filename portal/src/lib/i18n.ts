import { useEffect, useState } from 'react';
import { en, type Dictionary } from './i18n-en';
import { es } from './i18n-es';

export type Language = 'en' | 'es';
const LANGUAGE_KEY = 'casebridge.language';
const dictionaries: Record<Language, Dictionary> = { en, es };
const listeners = new Set<() => void>();

/**
 * The language shown now. A signed-in client's choice is kept in their notification preferences
 * (features/settings/saved-language.ts), which their email follows too; localStorage holds the
 * browser's choice before sign-in and remembers the last one shown.
 */
export function currentLanguage(): Language {
  return localStorage.getItem(LANGUAGE_KEY) === 'es' ? 'es' : 'en';
}

export function setLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  listeners.forEach((l) => l());
}

export interface I18n {
  language: Language;
  t: Dictionary;
  date(iso: string): string;
  dateTime(iso: string): string;
  money(amount: string, currency: string): string;
}

function i18n(language: Language): I18n {
  const locale = language === 'es' ? 'es-ES' : 'en-US';
  return {
    language,
    t: dictionaries[language],
    date: (iso) => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso)),
    dateTime: (iso) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso)),
    money: (amount, currency) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount)),
  };
}

export function useI18n(): I18n {
  const [language, setState] = useState<Language>(currentLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
    const update = () => setState(currentLanguage());
    listeners.add(update);
    return () => { listeners.delete(update); };
  }, [language]);
  return i18n(language);
}
