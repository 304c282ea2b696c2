import { useState } from 'react';
import { setLanguage, useI18n, type Language } from '../../lib/i18n';
import { saveLanguage } from './saved-language';

/**
 * English / Español: sets <html lang> at once; a signed-in client's choice is saved in their
 * notification preferences, which their email follows (before sign-in, this browser remembers it).
 */
export function LanguageSwitcher({ client }: { client: boolean }) {
  const { t, language } = useI18n();
  const [error, setError] = useState<string | null>(null);
  function choose(next: Language) {
    setLanguage(next);
    setError(null);
    if (client) saveLanguage(next).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }
  return (
    <div className="language">
      <label htmlFor="language">{t.language}</label>
      <select id="language" aria-label="Language" value={language} onChange={(e) => choose(e.target.value === 'es' ? 'es' : 'en')}>
        <option value="en" lang="en">English</option>
        <option value="es" lang="es">Español</option>
      </select>
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
