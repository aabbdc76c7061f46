/**
 * Notifications: what people are told about the changes that concern them — in-app
 * notifications and e-mails, as their preferences per topic say, written in the
 * transaction of the change (notify). docs/notifications.md.
 */
export { type MailAttachment, type Notice, notify, type Recipients } from './notify';
export { notificationRoutes } from './routes';
export { configureNotifications } from './settings';
export { MANDATORY_TOPICS, NOTIFICATION_TOPICS, type NotificationKind, type NotificationTopic } from './topics';
export { readUnsubscribeToken, type UnsubscribeClaim, unsubscribeLinks, unsubscribeToken } from './unsubscribe-token';
