/**
 * Notifications: what people are told about the changes that concern them — in-app
 * notifications and e-mails, as their preferences per topic say, written in the
 * transaction of the change (notify). docs/notifications.md.
 */

export { LIVE_CHANNEL, type LiveConversations } from './live-events';
export { holdersOf, type MailAttachment, type Notice, type NoticeLooks, noticeLooks, notify, type Recipients, writeNotice } from './notify';
export { nameOf, peopleOf } from './repository';
export { notificationRoutes } from './routes';
export { configureNotifications } from './settings';
export { TEMPLATE_NAMES, TEMPLATES, type TemplateName } from './templates';
export { MANDATORY_TOPICS, NOTIFICATION_TOPICS, type NotificationTopic } from './topics';
export { readUnsubscribeToken, type UnsubscribeClaim, unsubscribeLinks, unsubscribeToken } from './unsubscribe-token';
