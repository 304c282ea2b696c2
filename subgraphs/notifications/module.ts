import type { Module } from '../ingest/index.js';
import { ConversationRow, ConversationTurnRow, DeliveryRow, NotificationPreferencesRow, NotificationRow } from './entities/index.js';
import { startNotificationsSubgraph } from './server.js';
import { defineNotificationJobs } from './delivery/jobs.js';
import { NOTIFICATIONS_METRICS } from './metrics.js';
import { NotificationSequence1796092077172 } from './migrations/1796092077172-NotificationSequence.js';
import { PreferencesLanguage1796097130775 } from './migrations/1796097130775-PreferencesLanguage.js';

export { clientLanguagesOf } from './delivery/preferences.js';
export { defineNotificationJobs, DELIVER_JOB, type NotificationJobs } from './delivery/jobs.js';

/** The notifications context: its outbox consumer writes notifications, its deliver job sends them. */
export const notificationsModule: Module = {
  name: 'notifications',
  entities: [NotificationRow, DeliveryRow, NotificationPreferencesRow, ConversationRow, ConversationTurnRow],
  migrations: [NotificationSequence1796092077172, PreferencesLanguage1796097130775],
  startSubgraph: startNotificationsSubgraph,
  worker: (deps) => defineNotificationJobs(deps.agenda, deps),
  metrics: NOTIFICATIONS_METRICS,
};
