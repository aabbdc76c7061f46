import { z } from 'zod';
import { isoDateTime, pageOf, pageQuery, uuid } from '../../http/kit/schemas';
import { TYPE_FILTER } from './type-filters';

const typeFilter = z.string().regex(TYPE_FILTER, 'must be an event type (listing.published), a family (listing.*) or *');

export const feedQuery = z.strictObject({
  after: z.string().min(1).max(200).optional().describe('The nextCursor of the previous answer; omitted: from the oldest event kept'),
  types: z
    .string()
    .max(2000)
    .transform((v) => v.split(',').map((t) => t.trim()))
    .pipe(z.array(typeFilter).min(1).max(50))
    .optional()
    .describe('Comma-separated type filters: listing.published, listing.*, *'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type FeedQuery = z.infer<typeof feedQuery>;

export const eventSchema = z
  .object({
    id: uuid,
    type: z.string().describe('What happened: listing.published, booking.cancelled, …'),
    occurredAt: isoDateTime,
    actorId: uuid.nullable().describe('Who did it; null for the system'),
    resource: z.object({ type: z.string(), id: uuid.nullable() }),
    data: z.record(z.string(), z.unknown()).describe('The resource as the API presented it after the change'),
  })
  .meta({ id: 'Event' });

export const feedSchema = z.object({
  data: z.array(eventSchema),
  nextCursor: z.string().describe('Store it and pass it as ?after= next time: never null, also when nothing new was there'),
  hasMore: z.boolean().describe('More events are visible right now: ask again at once'),
});

// ── webhooks ────────────────────────────────────────────────────────────────────

const webhookUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000);

export const createWebhookBody = z.strictObject({
  url: webhookUrl,
  events: z.array(typeFilter).min(1).max(50).describe('Type filters: listing.published, listing.*, *'),
  description: z.string().trim().max(500).default(''),
  enabled: z.boolean().default(true),
});
export type CreateWebhookBody = z.infer<typeof createWebhookBody>;

/** What is given changes; an empty body answers the endpoint unchanged. */
export const updateWebhookBody = z.strictObject({
  url: webhookUrl.optional(),
  events: z.array(typeFilter).min(1).max(50).optional(),
  description: z.string().trim().max(500).optional(),
  enabled: z.boolean().optional().describe('true also re-enables an endpoint that was disabled after failures'),
});
export type UpdateWebhookBody = z.infer<typeof updateWebhookBody>;

export const rotateSecretBody = z.strictObject({
  overlapSeconds: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .default(24 * 3600)
    .describe('How long the previous secret keeps signing beside the new one'),
});

export const webhookParams = z.strictObject({ webhookId: uuid });
export const deliveryParams = z.strictObject({ deliveryId: uuid });

export const webhookSchema = z
  .object({
    id: uuid,
    url: z.string(),
    events: z.array(z.string()),
    description: z.string(),
    enabled: z.boolean(),
    disabledAt: isoDateTime.nullable(),
    disabledReason: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    previousSecretExpiresAt: isoDateTime.nullable().describe('Until then the previous secret signs too (after a rotation)'),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Webhook' });

export const webhookWithSecretSchema = webhookSchema
  .extend({ secret: z.string().describe('whsec_… — shown only now: store it to verify signatures') })
  .meta({ id: 'WebhookWithSecret' });

export const DELIVERY_STATUSES = ['pending', 'sending', 'succeeded', 'failed'] as const;

export const deliverySchema = z
  .object({
    id: uuid,
    webhookId: uuid,
    eventId: uuid.nullable(),
    eventType: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
    finishedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

export const attemptSchema = z.object({
  attemptedAt: isoDateTime,
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
});

export const deliveryDetailSchema = deliverySchema
  .extend({ payload: z.record(z.string(), z.unknown()), attemptLog: z.array(attemptSchema) })
  .meta({ id: 'WebhookDeliveryDetail' });

export const webhookPageSchema = pageOf(webhookSchema);
export const deliveryPageSchema = pageOf(deliverySchema);
export const deliveryPageQuery = pageQuery.extend({ status: z.enum(DELIVERY_STATUSES).optional() });
export type DeliveryPageQuery = z.infer<typeof deliveryPageQuery>;
export type PageQuery = z.infer<typeof pageQuery>;
