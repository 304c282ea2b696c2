import type { DataSource, EntityManager } from 'typeorm';

/**
 * The languages casebridge writes to clients in. A client's choice is one of their notification
 * preferences (the notifications context owns it); the mail senders of other contexts and of the
 * gateway ask for it through the function the assembly of the modules hands over here
 * (system/modules.ts), so none of them imports the notifications context.
 */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

/** The Intl locale a language formats dates and money in. */
export const localeOf = (language: Language): string => (language === 'es' ? 'es-ES' : 'en-US');

/** The language each of these clients chose; a client who never chose is left out. */
export type FindClientLanguages = (db: DataSource | EntityManager, clientIds: readonly string[]) => Promise<Map<string, Language>>;

let findLanguages: FindClientLanguages | undefined;

/** Called once per process by the assembly of the modules. */
export function configureClientLanguages(find: FindClientLanguages): void {
  findLanguages = find;
}

/** The language a client chose, or `fallback` (e.g. the browser's choice before sign-in) when they never chose one. */
export async function clientLanguage(db: DataSource | EntityManager, clientId: string | null, fallback: Language = DEFAULT_LANGUAGE): Promise<Language> {
  if (!clientId) return fallback;
  if (!findLanguages) throw new Error('No client language lookup: import system/modules.ts, which wires it, before sending client mail.');
  return (await findLanguages(db, [clientId])).get(clientId) ?? fallback;
}
