import { randomBytes } from 'node:crypto';
import { type Config, secretBox } from '../../config';
import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { toPage } from '../../core/pagination';
import type { Database } from '../../db/client';
import { idCursor } from '../../db/keyset';
import { withTenant } from '../../db/tenant-context';
import { toIso } from '../../http/kit/schemas';
import type { CreateWebhookBody, DeliveryPageQuery, PageQuery, UpdateWebhookBody } from './schemas';
import { checkUrlShape, UrlNotAllowed } from './ssrf';
import {
  type DeliveryRow,
  deleteWebhook as deleteRow,
  findDelivery,
  findWebhook,
  insertDelivery,
  insertWebhook,
  listAttempts,
  listDeliveries,
  listWebhooks as listRows,
  makePendingDue,
  updateWebhook as updateRow,
  type WebhookRow,
} from './webhook-repository';

export interface WebhookDeps {
  db: Database;
  config: Pick<Config, 'webhooks' | 'secretKeys' | 'dataDir'>;
}

/** A Standard Webhooks secret: whsec_ + 32 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

function can(ctx: RequestContext, permission: 'tenant.webhooks.read' | 'tenant.webhooks.manage') {
  if (!ctx.permissions.can(permission)) throw new AppError('FORBIDDEN');
}

/** Registration refuses what delivery would refuse without DNS; delivery checks again after resolving. */
function checkUrl(deps: WebhookDeps, url: string) {
  try {
    checkUrlShape(url, deps.config.webhooks);
  } catch (error) {
    if (error instanceof UrlNotAllowed) throw new AppError('WEBHOOK_URL_NOT_ALLOWED', `The URL is not allowed: ${error.message}`);
    throw error;
  }
}

export function presentWebhook(w: WebhookRow) {
  const overlap = w.previousSecretExpiresAt && w.previousSecretExpiresAt > new Date() ? w.previousSecretExpiresAt : null;
  return {
    id: w.id,
    url: w.url,
    events: w.eventTypes,
    description: w.description,
    enabled: w.enabled,
    disabledAt: toIso(w.disabledAt),
    disabledReason: w.disabledReason,
    consecutiveFailures: w.consecutiveFailures,
    previousSecretExpiresAt: toIso(overlap),
    createdAt: toIso(w.createdAt)!,
    updatedAt: toIso(w.updatedAt)!,
  };
}

export function presentDelivery(d: DeliveryRow) {
  const pending = d.status === 'pending' || d.status === 'sending';
  return {
    id: d.id,
    webhookId: d.endpointId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    nextAttemptAt: pending ? toIso(d.nextAttemptAt) : null,
    createdAt: toIso(d.createdAt)!,
    finishedAt: toIso(d.finishedAt),
  };
}

/** Registers an endpoint; the answer carries its secret, the only time it is shown. */
export async function createWebhook(deps: WebhookDeps, ctx: RequestContext, body: CreateWebhookBody) {
  can(ctx, 'tenant.webhooks.manage');
  checkUrl(deps, body.url);
  const secret = newSecret();
  const row = await withTenant(deps.db, ctx, (tx) =>
    insertWebhook(tx, {
      url: body.url,
      eventTypes: [...new Set(body.events)],
      description: body.description,
      enabled: body.enabled,
      secret: secretBox(deps.config).seal(secret), // stored sealed; shown in the clear this once
      createdBy: ctx.actor?.userId ?? null,
    }),
  );
  return { ...presentWebhook(row), secret };
}

export async function listWebhooks(deps: WebhookDeps, ctx: RequestContext, query: PageQuery) {
  can(ctx, 'tenant.webhooks.read');
  return withTenant(deps.db, ctx, async (tx) =>
    toPage(await listRows(tx, { cursor: query.cursor, limit: query.limit + 1 }), query.limit, (w) => idCursor(w.id), presentWebhook),
  );
}

export async function getWebhook(deps: WebhookDeps, ctx: RequestContext, webhookId: string) {
  can(ctx, 'tenant.webhooks.read');
  const row = await withTenant(deps.db, ctx, (tx) => findWebhook(tx, webhookId));
  if (!row) throw new AppError('WEBHOOK_NOT_FOUND');
  return presentWebhook(row);
}

/** Changes an endpoint; `enabled: true` also ends a disablement after failures and sends what waited. */
export async function updateWebhook(deps: WebhookDeps, ctx: RequestContext, webhookId: string, body: UpdateWebhookBody) {
  can(ctx, 'tenant.webhooks.manage');
  if (body.url !== undefined) checkUrl(deps, body.url);
  return withTenant(deps.db, ctx, async (tx) => {
    const current = await findWebhook(tx, webhookId, { lock: true });
    if (!current) throw new AppError('WEBHOOK_NOT_FOUND');
    const enabling = body.enabled === true && !current.enabled;
    const change = {
      ...(body.url !== undefined ? { url: body.url } : {}),
      ...(body.events !== undefined ? { eventTypes: [...new Set(body.events)] } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      ...(enabling ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0 } : {}),
      ...(body.enabled === false && current.enabled ? { disabledAt: new Date(), disabledReason: 'disabled by an administrator' } : {}),
    };
    if (Object.keys(change).length === 0) return presentWebhook(current);
    const row = await updateRow(tx, webhookId, change);
    if (enabling) await makePendingDue(tx, webhookId);
    return presentWebhook(row!);
  });
}

export async function deleteWebhook(deps: WebhookDeps, ctx: RequestContext, webhookId: string): Promise<void> {
  can(ctx, 'tenant.webhooks.manage');
  const deleted = await withTenant(deps.db, ctx, (tx) => deleteRow(tx, webhookId));
  if (!deleted) throw new AppError('WEBHOOK_NOT_FOUND');
}

/**
 * A new secret, shown once; the previous one keeps signing beside it for
 * `overlapSeconds` (each delivery carries both signatures), so receivers can switch
 * without losing a message.
 */
export async function rotateWebhookSecret(deps: WebhookDeps, ctx: RequestContext, webhookId: string, body: { overlapSeconds: number }) {
  can(ctx, 'tenant.webhooks.manage');
  const secret = newSecret();
  const row = await withTenant(deps.db, ctx, async (tx) => {
    const current = await findWebhook(tx, webhookId, { lock: true });
    if (!current) throw new AppError('WEBHOOK_NOT_FOUND');
    return updateRow(tx, webhookId, {
      secret: secretBox(deps.config).seal(secret),
      previousSecret: body.overlapSeconds > 0 ? current.secret : null,
      previousSecretExpiresAt: body.overlapSeconds > 0 ? new Date(Date.now() + body.overlapSeconds * 1000) : null,
    });
  });
  return { ...presentWebhook(row!), secret };
}

export async function listWebhookDeliveries(deps: WebhookDeps, ctx: RequestContext, webhookId: string, query: DeliveryPageQuery) {
  can(ctx, 'tenant.webhooks.read');
  return withTenant(deps.db, ctx, async (tx) => {
    if (!(await findWebhook(tx, webhookId))) throw new AppError('WEBHOOK_NOT_FOUND');
    const found = await listDeliveries(tx, webhookId, { status: query.status, cursor: query.cursor, limit: query.limit + 1 });
    return toPage(found, query.limit, (d) => idCursor(d.id), presentDelivery);
  });
}

/** One delivery with its payload and the log of its attempts. */
export async function getWebhookDelivery(deps: WebhookDeps, ctx: RequestContext, deliveryId: string) {
  can(ctx, 'tenant.webhooks.read');
  return withTenant(deps.db, ctx, async (tx) => {
    const delivery = await findDelivery(tx, deliveryId);
    if (!delivery) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND');
    const attempts = await listAttempts(tx, deliveryId);
    return {
      ...presentDelivery(delivery),
      payload: delivery.payload,
      attemptLog: attempts.map((a) => ({
        attemptedAt: toIso(a.attemptedAt)!,
        statusCode: a.statusCode,
        durationMs: a.durationMs,
        responseExcerpt: a.responseExcerpt,
        error: a.error,
      })),
    };
  });
}

/** Sends the same payload again as a new delivery (a new webhook-id: the receiver sees a new message). */
export async function redeliver(deps: WebhookDeps, ctx: RequestContext, deliveryId: string) {
  can(ctx, 'tenant.webhooks.manage');
  return withTenant(deps.db, ctx, async (tx) => {
    const original = await findDelivery(tx, deliveryId);
    if (!original) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND');
    const endpoint = await findWebhook(tx, original.endpointId);
    if (!endpoint) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND');
    if (!endpoint.enabled) throw new AppError('WEBHOOK_DISABLED');
    return presentDelivery(
      await insertDelivery(tx, { endpointId: endpoint.id, eventId: original.eventId, eventType: original.eventType, payload: original.payload }),
    );
  });
}

/** Queues a `webhook.test` message to the endpoint, whatever its filters. */
export async function sendTestWebhook(deps: WebhookDeps, ctx: RequestContext, webhookId: string) {
  can(ctx, 'tenant.webhooks.manage');
  return withTenant(deps.db, ctx, async (tx) => {
    const endpoint = await findWebhook(tx, webhookId);
    if (!endpoint) throw new AppError('WEBHOOK_NOT_FOUND');
    if (!endpoint.enabled) throw new AppError('WEBHOOK_DISABLED');
    const now = new Date().toISOString();
    return presentDelivery(
      await insertDelivery(tx, {
        endpointId: endpoint.id,
        eventId: null,
        eventType: 'webhook.test',
        payload: { type: 'webhook.test', timestamp: now, data: { webhookId: endpoint.id, message: 'A test message from Mono' } },
      }),
    );
  });
}
