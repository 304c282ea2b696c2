import { setLanguage, useI18n } from '../../lib/i18n';

/** English / Español; sets <html lang> and is remembered in this browser (see lib/i18n). */
export function LanguageSwitcher() {
  const { t, language } = useI18n();
  return (
    <div className="language">
      <label htmlFor="language">{t.language}</label>
      <select id="language" aria-label="Language" value={language} onChange={(e) => setLanguage(e.target.value === 'es' ? 'es' : 'en')}>
        <option value="en" lang="en">English</option>
        <option value="es" lang="es">Español</option>
      </select>
    </div>
  );
}
