import { and, desc, eq, sql } from 'drizzle-orm';
import { beforeIdCursor } from '../../db/keyset';
import { type WebhookDeliveryStatus, webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../db/schema';
import type { TenantTx } from '../../db/tenant-context';

export type WebhookRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

const ofTenant = (tx: TenantTx, id: string) => and(eq(webhookEndpoints.tenantId, tx.tenantId), eq(webhookEndpoints.id, id));

export async function insertWebhook(
  tx: TenantTx,
  values: { url: string; eventTypes: string[]; description: string; enabled: boolean; secret: string; createdBy: string | null },
): Promise<WebhookRow> {
  const [row] = await tx
    .insert(webhookEndpoints)
    .values({ tenantId: tx.tenantId, ...values })
    .returning();
  return row!;
}

export async function findWebhook(tx: TenantTx, id: string, options: { lock?: boolean } = {}): Promise<WebhookRow | undefined> {
  const query = tx.select().from(webhookEndpoints).where(ofTenant(tx, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export function listWebhooks(tx: TenantTx, filter: { cursor?: string; limit: number }): Promise<WebhookRow[]> {
  return tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tx.tenantId), beforeIdCursor(webhookEndpoints.id, filter.cursor)))
    .orderBy(desc(webhookEndpoints.id))
    .limit(filter.limit);
}

export async function updateWebhook(tx: TenantTx, id: string, change: Partial<Omit<WebhookRow, 'tenantId' | 'id'>>): Promise<WebhookRow | undefined> {
  const [row] = await tx.update(webhookEndpoints).set(change).where(ofTenant(tx, id)).returning();
  return row;
}

export async function deleteWebhook(tx: TenantTx, id: string): Promise<boolean> {
  const deleted = await tx.delete(webhookEndpoints).where(ofTenant(tx, id)).returning({ id: webhookEndpoints.id });
  return deleted.length > 0;
}

/** A delivery of a payload to one endpoint, due now (tests, redeliveries). */
export async function insertDelivery(
  tx: TenantTx,
  values: { endpointId: string; eventId: string | null; eventType: string; payload: Record<string, unknown> },
): Promise<DeliveryRow> {
  const [row] = await tx
    .insert(webhookDeliveries)
    .values({ tenantId: tx.tenantId, ...values })
    .returning();
  return row!;
}

export function listDeliveries(
  tx: TenantTx,
  endpointId: string,
  filter: { status?: WebhookDeliveryStatus; cursor?: string; limit: number },
): Promise<DeliveryRow[]> {
  return tx
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tx.tenantId),
        eq(webhookDeliveries.endpointId, endpointId),
        filter.status ? eq(webhookDeliveries.status, filter.status) : undefined,
        beforeIdCursor(webhookDeliveries.id, filter.cursor),
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(filter.limit);
}

export async function findDelivery(tx: TenantTx, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await tx
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.tenantId, tx.tenantId), eq(webhookDeliveries.id, id)));
  return row;
}

export function listAttempts(tx: TenantTx, deliveryId: string): Promise<AttemptRow[]> {
  return tx
    .select()
    .from(webhookAttempts)
    .where(and(eq(webhookAttempts.tenantId, tx.tenantId), eq(webhookAttempts.deliveryId, deliveryId)))
    .orderBy(webhookAttempts.id)
    .limit(100);
}

/** Re-enabling an endpoint: its pending deliveries become due now rather than after their backoff. */
export async function makePendingDue(tx: TenantTx, endpointId: string): Promise<void> {
  await tx.execute(
    sql`update webhook_deliveries set next_attempt_at = now()
         where tenant_id = ${tx.tenantId} and endpoint_id = ${endpointId} and status = 'pending'`,
  );
}
