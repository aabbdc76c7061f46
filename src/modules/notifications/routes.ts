import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { BaseDeps, RouteModule } from '../../http/kit/types';
import { type LiveConversations, LiveEvents } from './live-events';
import { previewMailTemplate, readMailTemplate, updateMailTemplate } from './mail-templates';
import { readMyPreferences, unsubscribe, updateMyPreferences } from './preferences';
import { listMyNotifications, markAllNotificationsRead, markNotificationRead } from './read-notifications';
import {
  eventStreamHeaders,
  eventStreamQuery,
  eventStreamResponse,
  markAllReadResponse,
  markAllReadSchema,
  notificationPageSchema,
  notificationParams,
  notificationQuery,
  notificationSchema,
  preferencesResponse,
  preferencesUpdateSchema,
  templateParams,
  templatePreviewResponse,
  templatePreviewSchema,
  templateResponse,
  templateUpdateSchema,
  unsubscribeBody,
  unsubscribeQuery,
  unsubscribeResponse,
} from './schemas';

const NOTIFICATIONS = ['Notifications'];

/** My notifications and preferences, my live event stream; the one-click unsubscribe of the e-mails. */
export const notificationRoutes: RouteModule<BaseDeps & { conversations: LiveConversations }> = async (app, deps) => {
  const live = new LiveEvents(deps.db, deps.conversations, deps.config.eventStreams, app.log);
  await live.start();
  // Before the server waits for open connections to end: end the streams.
  app.addHook('preClose', async () => live.close());
  app.get(
    '/api/v1/user/events',
    {
      config: { permission: 'user.notifications.read', errors: ['TOO_MANY_EVENT_STREAMS', 'INVALID_CURSOR'] },
      schema: {
        tags: NOTIFICATIONS,
        summary: 'My live updates (Server-Sent Events): new notifications, new messages in my conversations, unread counts',
        description:
          'With `Accept: text/event-stream` the stream stays open: events `notification` (a Notification), `message` (a Message of one of my conversations; an edited or deleted message comes again, as it is now: replace it by its `id`) ' +
          'and `unread` (`{ notifications, messages }`: my unread counts, first at once and then whenever they change), a `: keep-alive` comment every 25 s. ' +
          'Each event’s `id` is the stream’s position: send it back as `Last-Event-ID` (EventSource does) or `?lastEventId=` to resume without missing or repeating anything. ' +
          'Without `Accept: text/event-stream` the answer is what is there now, and ends. ' +
          'The stream ends when idle (5 minutes without an event), when the session is revoked or the permissions change (reconnect), and when the process stops. ' +
          'At most 5 open streams per person and API process: one more is refused with 429 TOO_MANY_EVENT_STREAMS.',
        headers: eventStreamHeaders,
        querystring: eventStreamQuery,
        produces: ['text/event-stream'],
        response: { 200: eventStreamResponse },
      },
    },
    async (request, reply) => live.open(request, reply, request.headers['last-event-id'] || request.query.lastEventId),
  );

  app.get(
    '/api/v1/user/notifications',
    {
      config: { permission: 'user.notifications.read' },
      schema: {
        tags: NOTIFICATIONS,
        summary: 'My notifications, newest first, with my unread count',
        description: 'Pages continue with ?cursor=; ?unread=true lists only unread ones. unreadCount counts all unread ones.',
        querystring: notificationQuery,
        response: { 200: notificationPageSchema },
      },
    },
    async (request) => listMyNotifications(deps, request.ctx, request.query),
  );

  app.post(
    '/api/v1/user/notifications/:notificationId/read',
    {
      config: { permission: 'user.notifications.update', errors: ['NOTIFICATION_NOT_FOUND'] },
      schema: { tags: NOTIFICATIONS, summary: 'Mark one of my notifications read', params: notificationParams, response: { 200: notificationSchema } },
    },
    async (request) => markNotificationRead(deps, request.ctx, request.params.notificationId),
  );

  app.post(
    '/api/v1/user/notifications/read-all',
    {
      config: { permission: 'user.notifications.update' },
      schema: {
        tags: NOTIFICATIONS,
        summary: 'Mark all my notifications read (or those up to one id)',
        body: markAllReadSchema,
        response: { 200: markAllReadResponse },
      },
    },
    async (request) => markAllNotificationsRead(deps, request.ctx, request.body),
  );

  app.get(
    '/api/v1/user/notification-preferences',
    {
      config: { permission: 'user.notifications.read' },
      schema: { tags: NOTIFICATIONS, summary: 'Per topic: whether I get e-mails and in-app notifications', response: { 200: preferencesResponse } },
    },
    async (request) => readMyPreferences(deps, request.ctx),
  );

  app.put(
    '/api/v1/user/notification-preferences',
    {
      config: { permission: 'user.notifications.update', errors: ['NOTIFICATION_MANDATORY'] },
      schema: {
        tags: NOTIFICATIONS,
        summary: 'Turn e-mails and in-app notifications of topics on or off',
        description: 'Topics left out keep their setting. Security notices cannot be turned off (422 NOTIFICATION_MANDATORY).',
        body: preferencesUpdateSchema,
        response: { 200: preferencesResponse },
      },
    },
    async (request) => updateMyPreferences(deps, request.ctx, request.body),
  );

  const TEMPLATES_TAG = ['Mail'];
  app.get(
    '/api/v1/tenant/mail-templates/:template',
    {
      config: { permission: 'tenant.mail.read', errors: ['MAIL_TEMPLATE_NOT_FOUND'] },
      schema: {
        tags: TEMPLATES_TAG,
        summary: 'A notice template: its default, its variables and the tenant’s overrides per language',
        params: templateParams,
        response: { 200: templateResponse },
      },
    },
    async (request) => readMailTemplate(deps, request.ctx, request.params.template),
  );

  app.put(
    '/api/v1/tenant/mail-templates/:template',
    {
      config: { permission: 'tenant.mail.update', errors: ['MAIL_TEMPLATE_NOT_FOUND', 'INVALID_TEMPLATE'] },
      schema: {
        tags: TEMPLATES_TAG,
        summary: 'Override a template’s subject, text and HTML in one language (Liquid; all null: back to the default)',
        description: 'A template naming a variable its kind does not have is refused with 422 INVALID_TEMPLATE naming it (extra.unknownVariables).',
        params: templateParams,
        body: templateUpdateSchema,
        response: { 200: templateResponse },
      },
    },
    async (request) => updateMailTemplate(deps, request.ctx, request.params.template, request.body),
  );

  app.post(
    '/api/v1/tenant/mail-templates/:template/preview',
    {
      config: { permission: 'tenant.mail.read', errors: ['MAIL_TEMPLATE_NOT_FOUND', 'INVALID_TEMPLATE'] },
      schema: {
        tags: TEMPLATES_TAG,
        summary: 'Render a template as it would be sent: a draft, or what is stored, with sample values',
        params: templateParams,
        body: templatePreviewSchema,
        response: { 200: templatePreviewResponse },
      },
    },
    async (request) => previewMailTemplate(deps, request.ctx, request.params.template, request.body),
  );

  // RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` as a
  // form, so this route (alone) reads form bodies.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/public/unsubscribe',
      {
        config: { permission: 'public.notifications.unsubscribe', errors: ['INVALID_TOKEN'], tenantOptional: true },
        schema: {
          tags: NOTIFICATIONS,
          summary: 'One-click unsubscribe (RFC 8058): stop e-mails of one topic for one person',
          description:
            'The token comes from the e-mail’s List-Unsubscribe link. No sign-in; the body may be the form `List-Unsubscribe=One-Click` or empty. ' +
            'Changes only that person’s e-mail setting of that topic.',
          querystring: unsubscribeQuery,
          body: unsubscribeBody.optional(),
          response: { 200: unsubscribeResponse },
        },
      },
      async (request) => unsubscribe(deps, request.ctx, request.query.token),
    );
  });
};
