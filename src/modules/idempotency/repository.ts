import { sql } from 'drizzle-orm';
import { firstRow } from '../../db/sql';
import type { TenantTx } from '../../db/tenant-context';

export interface IdempotencyRow {
  id: string;
  request_hash: Buffer | Uint8Array;
  status: number | null;
  content_type: string | null;
  body: string | null;
}

/** How long a claim without a stored response stays "in progress" before another request may take it over (its process died). */
const ABANDONED_AFTER = sql`interval '5 minutes'`;

/**
 * Claims (principal, key) for a request: inserts the row, or takes over one that expired
 * or was abandoned. The unique key decides between concurrent twins — the second insert
 * waits for the first transaction and then finds the row taken. The claim's id, or
 * undefined when the key is held by another request (then read it with findIdempotencyKey).
 */
export async function claimIdempotencyKey(tx: TenantTx, claim: { principalId: string; key: string; requestHash: Buffer }): Promise<string | undefined> {
  const row = await firstRow<{ id: string }>(
    tx,
    sql`insert into idempotency_keys as i (tenant_id, principal_id, key, request_hash, expires_at)
        values (${tx.tenantId}, ${claim.principalId}, ${claim.key}, decode(${claim.requestHash.toString('hex')}, 'hex'), now() + interval '24 hours')
        on conflict (tenant_id, principal_id, key) do update
           set request_hash = excluded.request_hash, status = null, content_type = null, body = null,
               created_at = now(), expires_at = excluded.expires_at
         where i.expires_at <= now() or (i.status is null and i.created_at < now() - ${ABANDONED_AFTER})
        returning i.id`,
  );
  return row?.id;
}

export function findIdempotencyKey(tx: TenantTx, principalId: string, key: string): Promise<IdempotencyRow | undefined> {
  return firstRow<IdempotencyRow>(
    tx,
    sql`select id, request_hash, status, content_type, body from idempotency_keys
         where tenant_id = ${tx.tenantId} and principal_id = ${principalId} and key = ${key}`,
  );
}

/** Stores the response a claim answered: from now on, retries replay it. */
export async function completeIdempotencyKey(tx: TenantTx, id: string, response: { status: number; contentType: string | null; body: string }): Promise<void> {
  await tx.execute(
    sql`update idempotency_keys set status = ${response.status}, content_type = ${response.contentType}, body = ${response.body}
         where tenant_id = ${tx.tenantId} and id = ${id}`,
  );
}

/** Gives a claim up (the request failed with a 5xx): a retry does the work again. */
export async function releaseIdempotencyKey(tx: TenantTx, id: string): Promise<void> {
  await tx.execute(sql`delete from idempotency_keys where tenant_id = ${tx.tenantId} and id = ${id} and status is null`);
}
