export { NotificationRow } from './Notification.js';
