import { sql } from 'drizzle-orm';
import { type DueRows, tenantsWithDueRows } from '../../db/due-work';
import { firstRow, rows } from '../../db/sql';
import type { Tx } from '../../db/tenant-context';

/** A delivery the worker claimed, with what it needs to send it. `attempts` fences its outcome. */
export interface ClaimedDelivery {
  tenant_id: string;
  id: string;
  endpoint_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  attempts: number;
  url: string;
  secrets: string[];
}

/** Deliveries of enabled endpoints that are due: pending ones whose time came, 'sending' ones whose lease ran out. */
const dueDeliveries: DueRows = {
  from: sql`webhook_deliveries dd join webhook_endpoints w on w.tenant_id = dd.tenant_id and w.id = dd.endpoint_id and w.enabled`,
  where: sql`dd.status in ('pending', 'sending') and dd.next_attempt_at <= now()`,
  oldest: sql`dd.next_attempt_at`,
  tenantId: sql`dd.tenant_id`,
};

/** The tenants with due deliveries, the longest waiting first (platform path; a plain read, see db/due-work.ts). */
export function tenantsWithDueDeliveries(tx: Tx, limit: number): Promise<string[]> {
  return tenantsWithDueRows(tx, dueDeliveries, limit);
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints of one tenant (platform path,
 * like the mail worker): SKIP LOCKED leaves rows another worker is claiming to it, and the
 * lease in next_attempt_at keeps others off while this one sends. The batch is locked and
 * taken once (a MATERIALIZED CTE): a sub-query the plan rescans would skip what this
 * statement already updated and take more than `limit`. The endpoint's URL and secrets
 * come from the batch: Citus allows only immutable functions in RETURNING. The previous
 * secret comes along while its overlap after a rotation lasts.
 */
export function claimDueDeliveries(tx: Tx, tenantId: string, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  return rows<ClaimedDelivery>(
    tx,
    sql`with due as materialized (
          select dd.tenant_id, dd.id, w.url,
                 array_remove(array[w.secret, case when w.previous_secret_expires_at > now() then w.previous_secret end], null) as secrets
            from ${dueDeliveries.from}
           where dd.tenant_id = ${tenantId} and ${dueDeliveries.where}
           order by dd.next_attempt_at limit ${limit}
           for update of dd skip locked)
        update webhook_deliveries d
           set status = 'sending', attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
          from due
         where d.tenant_id = ${tenantId} and d.tenant_id = due.tenant_id and d.id = due.id
        returning d.tenant_id, d.id, d.endpoint_id, d.event_type, d.payload, d.attempts, due.url, due.secrets`,
  );
}

export interface AttemptResult {
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
  ok: boolean;
}

/** What happens to the delivery after this attempt. */
export type Next = { status: 'succeeded' } | { status: 'pending'; retryInMs: number } | { status: 'failed' };

/**
 * Logs the attempt and moves the delivery on, only while the claim still holds it
 * (status 'sending', same attempts). Counts the endpoint's run of failures (a success
 * ends it) and answers the endpoint's count after this attempt, or undefined when the
 * claim was lost.
 */
export async function recordAttempt(
  tx: Tx,
  claim: Pick<ClaimedDelivery, 'tenant_id' | 'id' | 'endpoint_id' | 'attempts'>,
  result: AttemptResult,
  next: Next,
): Promise<{ consecutive_failures: number; enabled: boolean } | undefined> {
  const change =
    next.status === 'succeeded'
      ? sql`status = 'succeeded', finished_at = now()`
      : next.status === 'pending'
        ? sql`status = 'pending', next_attempt_at = now() + make_interval(secs => ${next.retryInMs / 1000})`
        : sql`status = 'failed', finished_at = now()`;
  const held = await firstRow(
    tx,
    sql`update webhook_deliveries
           set ${change}, last_status_code = ${result.statusCode}, last_error = ${result.error?.slice(0, 2000) ?? null}
         where tenant_id = ${claim.tenant_id} and id = ${claim.id} and status = 'sending' and attempts = ${claim.attempts}
        returning 1`,
  );
  if (!held) return undefined;
  await tx.execute(
    sql`insert into webhook_attempts (tenant_id, delivery_id, status_code, duration_ms, response_excerpt, error)
        values (${claim.tenant_id}, ${claim.id}, ${result.statusCode}, ${Math.round(result.durationMs)},
                ${result.responseExcerpt?.slice(0, 1000) ?? null}, ${result.error?.slice(0, 1000) ?? null})`,
  );
  return firstRow(
    tx,
    sql`update webhook_endpoints
           set consecutive_failures = case when ${result.ok} then 0 else consecutive_failures + 1 end
         where tenant_id = ${claim.tenant_id} and id = ${claim.endpoint_id}
        returning consecutive_failures, enabled`,
  );
}

/** Turns an endpoint off after its run of failures; true when this call did it (not already off). */
export async function disableAfterFailures(tx: Tx, tenantId: string, endpointId: string, reason: string): Promise<{ url: string } | undefined> {
  return firstRow(
    tx,
    sql`update webhook_endpoints set enabled = false, disabled_at = now(), disabled_reason = ${reason}
         where tenant_id = ${tenantId} and id = ${endpointId} and enabled
        returning url`,
  );
}

/** The active tenant administrators' addresses, for notices. */
export function tenantAdminEmails(tx: Tx, tenantId: string): Promise<{ email: string }[]> {
  return rows(
    tx,
    sql`select distinct u.email from users u
          join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id and (ur.expires_at is null or ur.expires_at > now())
          join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id and r.type = 'SYSTEM' and r.name = 'tenant_admin'
         where u.tenant_id = ${tenantId} and u.deleted_at is null and u.deactivated_at is null
         order by u.email limit 50`,
  );
}
