import type { DeliveryPreferences } from '../delivery/schedule.js';

/** Preferences as the graph serves them: with their client, for @clientSelf. */
export type PreferencesOfClient = DeliveryPreferences & { clientId: string };

export const NotificationPreferences = {
  quietHours: (p: PreferencesOfClient) => (p.quietStart && p.quietEnd ? { clientId: p.clientId, start: p.quietStart, end: p.quietEnd } : null),
};
