import { z } from 'zod';
import { pageQuery } from '../../http/kit/schemas';
import type { RouteModule } from '../../http/kit/types';
import { readEventFeed } from './feed';
import {
  createWebhookBody,
  deliveryDetailSchema,
  deliveryPageQuery,
  deliveryPageSchema,
  deliveryParams,
  deliverySchema,
  feedQuery,
  feedSchema,
  rotateSecretBody,
  updateWebhookBody,
  webhookPageSchema,
  webhookParams,
  webhookSchema,
  webhookWithSecretSchema,
} from './schemas';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  getWebhookDelivery,
  listWebhookDeliveries,
  listWebhooks,
  redeliver,
  rotateWebhookSecret,
  sendTestWebhook,
  updateWebhook,
} from './webhooks';

const EVENTS = ['Events'];
const WEBHOOKS = ['Webhooks'];

/** The tenant's event feed and its webhook endpoints, for tenant administrators. */
export const eventRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/tenant/events',
    {
      config: { permission: 'tenant.events.read', errors: ['INVALID_CURSOR'] },
      schema: {
        tags: EVENTS,
        summary: 'The tenant’s domain events after a cursor, oldest first',
        description:
          'Store nextCursor and pass it as ?after= next time: every event is answered exactly once, also when transactions commit out of order (see docs/integrations.md). ?types=listing.*,booking.confirmed filters.',
        querystring: feedQuery,
        response: { 200: feedSchema },
      },
    },
    async (request) => readEventFeed(deps, request.ctx, request.query),
  );

  app.post(
    '/api/v1/tenant/webhooks',
    {
      config: { permission: 'tenant.webhooks.manage', errors: ['WEBHOOK_URL_NOT_ALLOWED'] },
      schema: {
        tags: WEBHOOKS,
        summary: 'Register a webhook endpoint (the answer shows its signing secret, once)',
        body: createWebhookBody,
        response: { 201: webhookWithSecretSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createWebhook(deps, request.ctx, request.body)),
  );

  app.get(
    '/api/v1/tenant/webhooks',
    {
      config: { permission: 'tenant.webhooks.read' },
      schema: { tags: WEBHOOKS, summary: 'The tenant’s webhook endpoints, newest first', querystring: pageQuery, response: { 200: webhookPageSchema } },
    },
    async (request) => listWebhooks(deps, request.ctx, request.query),
  );

  app.get(
    '/api/v1/tenant/webhooks/:webhookId',
    {
      config: { permission: 'tenant.webhooks.read', errors: ['WEBHOOK_NOT_FOUND'] },
      schema: { tags: WEBHOOKS, summary: 'One webhook endpoint', params: webhookParams, response: { 200: webhookSchema } },
    },
    async (request) => getWebhook(deps, request.ctx, request.params.webhookId),
  );

  app.patch(
    '/api/v1/tenant/webhooks/:webhookId',
    {
      config: { permission: 'tenant.webhooks.manage', errors: ['WEBHOOK_NOT_FOUND', 'WEBHOOK_URL_NOT_ALLOWED'] },
      schema: {
        tags: WEBHOOKS,
        summary: 'Change, disable or re-enable a webhook endpoint',
        params: webhookParams,
        body: updateWebhookBody,
        response: { 200: webhookSchema },
      },
    },
    async (request) => updateWebhook(deps, request.ctx, request.params.webhookId, request.body),
  );

  app.delete(
    '/api/v1/tenant/webhooks/:webhookId',
    {
      config: { permission: 'tenant.webhooks.manage', errors: ['WEBHOOK_NOT_FOUND'] },
      schema: { tags: WEBHOOKS, summary: 'Delete a webhook endpoint and its delivery log', params: webhookParams, response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await deleteWebhook(deps, request.ctx, request.params.webhookId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/tenant/webhooks/:webhookId/rotate-secret',
    {
      config: { permission: 'tenant.webhooks.manage', errors: ['WEBHOOK_NOT_FOUND'] },
      schema: {
        tags: WEBHOOKS,
        summary: 'A new signing secret (shown once); the previous one keeps signing during the overlap',
        params: webhookParams,
        body: rotateSecretBody.optional(),
        response: { 200: webhookWithSecretSchema },
      },
    },
    async (request) => rotateWebhookSecret(deps, request.ctx, request.params.webhookId, rotateSecretBody.parse(request.body ?? {})),
  );

  app.post(
    '/api/v1/tenant/webhooks/:webhookId/test',
    {
      config: { permission: 'tenant.webhooks.manage', errors: ['WEBHOOK_NOT_FOUND', 'WEBHOOK_DISABLED'] },
      schema: { tags: WEBHOOKS, summary: 'Queue a webhook.test message to the endpoint', params: webhookParams, response: { 202: deliverySchema } },
    },
    async (request, reply) => reply.status(202).send(await sendTestWebhook(deps, request.ctx, request.params.webhookId)),
  );

  app.get(
    '/api/v1/tenant/webhooks/:webhookId/deliveries',
    {
      config: { permission: 'tenant.webhooks.read', errors: ['WEBHOOK_NOT_FOUND'] },
      schema: {
        tags: WEBHOOKS,
        summary: 'The endpoint’s deliveries, newest first',
        params: webhookParams,
        querystring: deliveryPageQuery,
        response: { 200: deliveryPageSchema },
      },
    },
    async (request) => listWebhookDeliveries(deps, request.ctx, request.params.webhookId, request.query),
  );

  app.get(
    '/api/v1/tenant/webhooks/deliveries/:deliveryId',
    {
      config: { permission: 'tenant.webhooks.read', errors: ['WEBHOOK_DELIVERY_NOT_FOUND'] },
      schema: {
        tags: WEBHOOKS,
        summary: 'One delivery: its payload and every attempt (status, duration, answer)',
        params: deliveryParams,
        response: { 200: deliveryDetailSchema },
      },
    },
    async (request) => getWebhookDelivery(deps, request.ctx, request.params.deliveryId),
  );

  app.post(
    '/api/v1/tenant/webhooks/deliveries/:deliveryId/redeliver',
    {
      config: { permission: 'tenant.webhooks.manage', errors: ['WEBHOOK_DELIVERY_NOT_FOUND', 'WEBHOOK_DISABLED'] },
      schema: { tags: WEBHOOKS, summary: 'Send a delivery’s payload again', params: deliveryParams, response: { 202: deliverySchema } },
    },
    async (request, reply) => reply.status(202).send(await redeliver(deps, request.ctx, request.params.deliveryId)),
  );
};
