/**
 * The topics a person chooses notices by (GET/PUT /api/v1/user/notification-preferences):
 * every notice's kind is `<topic>.<what happened>`. Security notices cannot be turned off.
 */
export const NOTIFICATION_TOPICS = {
  application: 'New applications to your listings, and decisions on your applications',
  message: 'New messages in your conversations',
  booking: 'Bookings requested, confirmed, cancelled or moved',
  booking_reminder: 'A reminder before a booking starts',
  content: 'Content submitted for your review, and the decision on yours',
  security: 'New sign-ins, password and two-factor changes (cannot be turned off)',
} as const;

export type NotificationTopic = keyof typeof NOTIFICATION_TOPICS;
export const TOPICS = Object.keys(NOTIFICATION_TOPICS) as NotificationTopic[];

/** The topics whose notices always arrive, by e-mail and in the app. */
export const MANDATORY_TOPICS: readonly NotificationTopic[] = ['security'];
