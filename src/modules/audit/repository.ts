import { type SQL, sql } from 'drizzle-orm';
import { isUuid } from '../../core/ids';
import { firstRow, rows } from '../../db/sql';
import type { TenantTx, Tx } from '../../db/tenant-context';
import type { AuditFilters, ErasureResult } from './schemas';

/** An audit entry with its actor's name, as the list and history queries read it. */
export interface AuditRow {
  id: string;
  tenant_id: string;
  seq: number;
  user_id: string | null;
  api_key_id: string | null;
  action: string;
  resource: string;
  resource_id: string;
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
  changed_fields: string[];
  ip_address: string | null;
  user_agent: string | null;
  request_id: string | null;
  erased_at: Date | string | null;
  created_at: Date | string;
  /** created_at to the microsecond (a JS Date keeps milliseconds only): the cursor key. */
  cursor_at: string;
  actor_name: string | null;
}

export interface EntryQuery {
  /** One tenant (also the tenant of the RLS context), or null for every tenant (platform path only). */
  tenantId: string | null;
  /**
   * Besides the entry's own tenant, the tenant where actors may also be found: the
   * platform tenant, whose operators act in other tenants. Only for platform queries —
   * on the tenant path RLS hides the platform tenant's users anyway.
   */
  actorTenantId: string | null;
  filters: Omit<AuditFilters, 'limit' | 'cursor'>;
  /** Continue after this (created_at, id), newest first. */
  after: { at: string; id: string } | null;
  limit: number;
}

/**
 * Entries newest first, on the (tenant_id, created_at desc, id desc) index (or the
 * resource / actor indexes when those filters are given), continuing below the cursor:
 * a keyset page, never OFFSET.
 */
export async function findEntries(tx: Tx, q: EntryQuery): Promise<AuditRow[]> {
  const f = q.filters;
  const conditions: SQL[] = [];
  if (q.tenantId) conditions.push(sql`a.tenant_id = ${q.tenantId}`);
  if (f.resource) conditions.push(sql`a.resource = ${f.resource}`);
  if (f.resourceId) conditions.push(sql`a.resource_id = ${f.resourceId}`);
  if (f.actorId) conditions.push(sql`a.user_id = ${f.actorId}`);
  if (f.action) conditions.push(sql`a.action = ${f.action}`);
  if (f.field) conditions.push(sql`a.changed_fields @> array[${f.field}]::text[]`);
  if (f.from) conditions.push(sql`a.created_at >= ${f.from}::timestamptz`);
  if (f.to) conditions.push(sql`a.created_at < ${f.to}::timestamptz`);
  if (q.after) conditions.push(sql`(a.created_at, a.id) < (${q.after.at}::timestamptz, ${q.after.id}::uuid)`);
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  // On the tenant path the actor is a user of that tenant: name it, so the scans of
  // users and user_profiles carry the tenant itself (one shard, a good estimate).
  const actorTenants = q.actorTenantId
    ? sql`u.tenant_id in (a.tenant_id, ${q.actorTenantId}::uuid)`
    : q.tenantId
      ? sql`u.tenant_id = ${q.tenantId}::uuid`
      : sql`u.tenant_id = a.tenant_id`;
  const profileTenant = !q.actorTenantId && q.tenantId ? sql`p.tenant_id = ${q.tenantId}::uuid` : sql`p.tenant_id = u.tenant_id`;
  return rows<AuditRow>(
    tx,
    sql`select a.id, a.tenant_id, a.seq, a.user_id, a.api_key_id, a.action, a.resource, a.resource_id, a.old_values, a.new_values,
               a.changed_fields, a.ip_address, a.user_agent, a.request_id, a.erased_at, a.created_at,
               to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at,
               actor.name as actor_name
          from audit_logs a
          left join lateral (
            select coalesce(p.display_name, u.username) as name
              from users u left join user_profiles p on ${profileTenant} and p.user_id = u.id
             where u.id = a.user_id and ${actorTenants}
             order by (u.tenant_id = a.tenant_id) desc limit 1) actor on a.user_id is not null
          ${where}
         order by a.created_at desc, a.id desc
         limit ${q.limit}`,
  );
}

/** A tenant's id from its id or identifier (platform path). */
export async function findTenantId(tx: Tx, idOrIdentifier: string): Promise<string | null> {
  const identifier = idOrIdentifier.toLowerCase();
  const match = isUuid(idOrIdentifier) ? sql`id = ${idOrIdentifier}::uuid` : sql`identifier = ${identifier}`;
  const [row] = await rows<{ id: string }>(tx, sql`select id from tenants where ${match} order by deleted_at nulls first limit 1`);
  return row?.id ?? null;
}

/**
 * The user of the transaction's tenant named by id or by e-mail address (lower-cased by
 * the caller); a deleted one too — erasure applies to former users — the live one first.
 */
export async function findErasableUser(tx: TenantTx, by: { id: string } | { email: string }): Promise<string | undefined> {
  const row = await firstRow<{ id: string }>(
    tx,
    'id' in by
      ? sql`select id from users where tenant_id = ${tx.tenantId} and id = ${by.id}`
      : sql`select id from users where tenant_id = ${tx.tenantId} and email = ${by.email} order by deleted_at nulls first, created_at desc limit 1`,
  );
  return row?.id;
}

/** Runs mono.erase_user (SECURITY DEFINER; it erases in app.tenant_id only): null when there was nobody to erase. */
export async function eraseUserData(tx: TenantTx, userId: string): Promise<ErasureResult | null> {
  const row = await firstRow<{ result: ErasureResult | null }>(tx, sql`select mono.erase_user(${userId}::uuid) as result`);
  return row?.result ?? null;
}
