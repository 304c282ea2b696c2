import type { AuthorizationPolicy } from '../../shared/graphql/authorization/index.js';
import type { NotificationRow } from './entities/index.js';
import type { NotificationsContext } from './loaders.js';

/** A notification is its client's alone; the matter it mentions is visible as the matters context decides. */
export const authorization: AuthorizationPolicy<NotificationsContext> = {
  oracle: ({ loaders }) => loaders.visibility,
  subjects: {
    Notification: { client: (notification: NotificationRow) => notification.clientId },
    NotificationPreferences: { client: (preferences: { clientId: string }) => preferences.clientId },
    QuietHours: { client: (quiet: { clientId: string }) => quiet.clientId },
    Matter: { matter: (matter: { id: string }) => ({ id: matter.id }) },
  },
};
