import type { DeliveryPreferences } from '../delivery/schedule.js';
import type { NotificationPreferencesResolvers } from '../generated/resolvers.js';

/** Preferences as the graph serves them: with their client, for @clientSelf. */
export type PreferencesOfClient = DeliveryPreferences & { clientId: string };
/** Quiet hours as the graph serves them: with their client, for @clientSelf. */
export interface QuietHoursOfClient { clientId: string; start: string; end: string }

export const NotificationPreferences: NotificationPreferencesResolvers = {
  quietHours: (p) => (p.quietStart && p.quietEnd ? { clientId: p.clientId, start: p.quietStart, end: p.quietEnd } : null),
};
