export { NotificationRow, NOTIFICATION_STATUSES, type NotificationStatus } from './Notification.js';
export { DeliveryRow, type DeliveryKind, type DeliveryStatus } from './Delivery.js';
export { NotificationPreferencesRow, type Frequency } from './Preferences.js';
export { ConversationRow, ConversationTurnRow, CONVERSATION_ROLES, type ConversationRole } from './Conversation.js';
