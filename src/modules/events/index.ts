/**
 * Domain events and what reads them: use cases emit an event in their own transaction
 * (emitEvent, the transactional outbox); tenants read them as a feed or receive them as
 * signed webhooks, sent by the delivery worker `mono serve` runs.
 */
export { MAX_ATTEMPTS, retryDelayMs, type WebhookDeliveryOptions } from './delivery';
export { type DomainEvent, type EventAudience, emitEvent, emitSystemEvents, eventAudience, writeEvent } from './repository';
export { eventRoutes } from './routes';
export { addressRefusal, checkUrlShape, resolveTarget, UrlNotAllowed, type UrlPolicy } from './ssrf';
export { startWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from './worker';
