import { z } from 'zod';
import { isoDateTime, pageQuery, queryBoolean, uuid } from '../../http/kit/schemas';
import { NOTIFICATION_TOPICS, TOPICS } from './topics';

export const notificationQuery = pageQuery.extend({
  unread: queryBoolean.optional().describe('true: only unread notifications'),
});
export type NotificationQuery = z.infer<typeof notificationQuery>;

export const notificationParams = z.strictObject({ notificationId: uuid });

export const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.string().describe('<topic>.<what happened>, e.g. application.submitted'),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().describe('A path of the console the notice leads to'),
    resource: z.object({ type: z.string(), id: z.uuid() }).nullable(),
    read: z.boolean(),
    readAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Notification' });

export const notificationPageSchema = z
  .object({
    data: z.array(notificationSchema),
    nextCursor: z.string().nullable(),
    unreadCount: z.number().int().describe('All of my unread notifications (not only this page’s)'),
  })
  .meta({ id: 'NotificationPage' });

export const markAllReadSchema = z.strictObject({
  upTo: uuid.optional().describe('Only notifications up to this one (the newest the client has shown); default: all'),
});
export const markAllReadResponse = z.object({ marked: z.number().int(), unreadCount: z.number().int() });

const topic = z.enum(TOPICS).describe(
  Object.entries(NOTIFICATION_TOPICS)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; '),
);

export const preferenceSchema = z.strictObject({
  topic,
  email: z.boolean().describe('Send e-mails of this topic'),
  inApp: z.boolean().describe('Show notifications of this topic in the app'),
});
export const preferenceView = z
  .object({ topic: z.string(), description: z.string(), email: z.boolean(), inApp: z.boolean(), mandatory: z.boolean() })
  .meta({ id: 'NotificationPreference' });
export const preferencesResponse = z.object({ data: z.array(preferenceView) });
export const preferencesUpdateSchema = z.strictObject({
  preferences: z.array(preferenceSchema).min(1).max(TOPICS.length).describe('The topics to change; others keep their setting'),
});
export type PreferencesUpdate = z.infer<typeof preferencesUpdateSchema>;

export const unsubscribeQuery = z.strictObject({ token: z.string().min(1).max(500) });
/** RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` as a form; an empty body is accepted too. */
export const unsubscribeBody = z.object({ 'List-Unsubscribe': z.literal('One-Click').optional() });
export const unsubscribeResponse = z.object({ topic: z.string(), email: z.literal(false) });

export const templateParams = z.strictObject({ template: z.string().min(1).max(100).describe('The template: a notice kind, e.g. application.submitted') });
const language = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language tag like en or de-AT');
const templateField = (max: number) => z.string().trim().min(1).max(max).nullable().optional();
export const templateUpdateSchema = z.strictObject({
  language: language.default('en'),
  subject: templateField(500).describe('Liquid; null or absent: the default'),
  text: templateField(20000).describe('Liquid, the plain-text part; null or absent: the default'),
  html: templateField(50000).describe('Liquid, the HTML body inside the tenant’s frame (variables are HTML-escaped); null or absent: made from the text'),
});
export const templatePreviewSchema = templateUpdateSchema.extend({
  language: language.optional(),
  variables: z.record(z.string(), z.string().max(2000)).optional().describe('Sample values; the others show as [name]'),
});
export const templateResponse = z
  .object({
    template: z.string(),
    description: z.string(),
    variables: z.record(z.string(), z.string()),
    defaults: z.object({ subject: z.string(), text: z.string() }),
    overrides: z.array(
      z.object({ language: z.string(), subject: z.string().nullable(), text: z.string().nullable(), html: z.string().nullable(), updatedAt: isoDateTime }),
    ),
  })
  .meta({ id: 'MailTemplate' });
export const templatePreviewResponse = z.object({ subject: z.string(), text: z.string(), html: z.string(), title: z.string(), body: z.string() });

const lastEventId = z.string().min(1).max(300).describe('The `id` of the last event received: the stream resumes after it');
export const eventStreamHeaders = z.looseObject({ 'last-event-id': lastEventId.optional() });
export const eventStreamQuery = z.strictObject({ lastEventId: lastEventId.optional() });
export const eventStreamResponse = z
  .string()
  .describe('text/event-stream: `id:`, `event:` (notification, message, unread) and `data:` (JSON) per event; comments as heartbeats');
