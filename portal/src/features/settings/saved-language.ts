import { useEffect } from 'react';
import { PortalLanguage, PortalSaveLanguage } from '../../graphql/operations.generated';
import { graphql } from '../../lib/graphql';
import { setLanguage, type Language } from '../../lib/i18n';

/** Once a client is signed in, the portal speaks the language of their preferences. */
export function useSavedLanguage(role: string | null): void {
  useEffect(() => {
    if (role !== 'CLIENT') return;
    graphql(PortalLanguage)
      .then((d) => setLanguage(d.notificationPreferences.language === 'es' ? 'es' : 'en'))
      .catch(() => undefined);
  }, [role]);
}

/** Saves a client's choice in their preferences, so their email follows it. */
export async function saveLanguage(language: Language): Promise<void> {
  await graphql(PortalSaveLanguage, { language });
}
