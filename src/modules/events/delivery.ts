import { systemContext } from '../../core/context';
import type { Database } from '../../db/client';
import { claimTenantByTenant } from '../../db/due-work';
import { type Tx, withPlatform } from '../../db/tenant-context';
import type { Mailer } from '../mail';
import {
  type AttemptResult,
  type ClaimedDelivery,
  claimDueDeliveries,
  disableAfterFailures,
  type Next,
  recordAttempt,
  tenantAdminEmails,
  tenantsWithDueDeliveries,
} from './delivery-repository';
import { type SendOptions, sendWebhook } from './sender';

/** Attempts of one delivery before it fails for good: their delays add up to more than a day (retrySchedule test). */
export const MAX_ATTEMPTS = 17;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 4 * 3600_000;

/**
 * The wait after failed attempt n (1-based): 30 s doubling up to 4 h, each ±20 %
 * at random (jitter, so endpoints that failed together do not all come back at once).
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const nominal = Math.min(BASE_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS);
  return Math.round(nominal * (0.8 + 0.4 * random()));
}

export interface WebhookDeliveryOptions extends SendOptions {
  /** Opens a stored (sealed) signing secret: secrets are kept encrypted at rest (config.secretBox). */
  openSecret: (stored: string) => string;
  /** A failing endpoint is disabled after this many failed attempts in a row (default 20). */
  disableAfter?: number;
  /** How long a claim holds a delivery before another worker may take it (default 2 min). */
  leaseSeconds?: number;
  maxAttempts?: number;
  /** The wait after a failed attempt (tests shorten it). */
  retryDelay?: (attempt: number) => number;
  mailer?: Mailer;
}

/** Claims up to `limit` due deliveries: the tenants with due deliveries in one read, then one short transaction per tenant (db/due-work.ts). */
export async function claimDeliveries(db: Database, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  const asClaimer = <T>(fn: (tx: Tx) => Promise<T>) => withPlatform(db, systemContext(null, 'webhooks:claim'), fn);
  const tenants = await asClaimer((tx) => tenantsWithDueDeliveries(tx, limit));
  return claimTenantByTenant(tenants, limit, (tenantId, room) => asClaimer((tx) => claimDueDeliveries(tx, tenantId, room, leaseSeconds)));
}

/** Sends one claimed delivery and records the attempt; answers the attempt. */
export async function deliverClaimed(db: Database, claim: ClaimedDelivery, options: WebhookDeliveryOptions): Promise<AttemptResult> {
  const secrets = claim.secrets.map(options.openSecret);
  const result = await sendWebhook({ id: claim.id, url: claim.url, secrets, body: JSON.stringify(claim.payload) }, options);
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const next: Next = result.ok
    ? { status: 'succeeded' }
    : claim.attempts >= maxAttempts
      ? { status: 'failed' }
      : { status: 'pending', retryInMs: (options.retryDelay ?? retryDelayMs)(claim.attempts) };
  await withPlatform(db, systemContext(null, 'webhooks:deliver'), async (tx) => {
    const endpoint = await recordAttempt(tx, claim, result, next);
    if (!endpoint || result.ok || !endpoint.enabled || endpoint.consecutive_failures < (options.disableAfter ?? 20)) return;
    const reason = `${endpoint.consecutive_failures} failed attempts in a row; last: ${result.error ?? 'no answer'}`.slice(0, 500);
    const disabled = await disableAfterFailures(tx, claim.tenant_id, claim.endpoint_id, reason);
    if (disabled && options.mailer) {
      for (const admin of await tenantAdminEmails(tx, claim.tenant_id)) {
        await options.mailer.send(tx, claim.tenant_id, {
          to: admin.email,
          subject: 'A webhook endpoint was disabled',
          text: `Mono stopped sending events to ${disabled.url} (webhook ${claim.endpoint_id}): ${reason}.\n\nFix the receiver, then enable the webhook again (PATCH /api/v1/tenant/webhooks/${claim.endpoint_id} with {"enabled": true}); its pending deliveries are sent then.`,
          template: 'webhooks.endpoint-disabled',
          payload: { webhookId: claim.endpoint_id, url: disabled.url },
        });
      }
    }
  });
  return result;
}
