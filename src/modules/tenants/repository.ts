import { and, desc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { beforeIdCursor } from '../../db/keyset';
import { containing } from '../../db/like';
import { tenants } from '../../db/schema';
import { firstRow } from '../../db/sql';
import type { TenantTx, Tx } from '../../db/tenant-context';

/**
 * The tenants table. It has no tenant_id column — a tenant's row is the one whose id is
 * the tenant: platform statements name the tenant by id (or deliberately list them all),
 * tenant statements name `tx.tenantId`.
 */

export type TenantRow = typeof tenants.$inferSelect;
type NewTenantRow = Pick<typeof tenants.$inferInsert, 'identifier' | 'name' | 'status' | 'plan' | 'planExpiry' | 'features' | 'settings'>;
export type TenantChanges = Partial<Pick<TenantRow, 'name' | 'plan' | 'planExpiry' | 'features' | 'settings' | 'status'>>;

export interface TenantListQuery {
  status?: TenantRow['status'];
  q?: string;
  includeDeleted?: boolean;
  limit: number;
  cursor?: string;
}

export async function insertTenant(tx: Tx, values: NewTenantRow): Promise<TenantRow> {
  const [tenant] = await tx.insert(tenants).values(values).returning();
  return tenant!;
}

/** A tenant by id, deleted ones included (platform path). */
export async function findTenant(tx: Tx, tenantId: string): Promise<TenantRow | undefined> {
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
  return tenant;
}

/** A page (limit + 1 rows, newest first) of every tenant: the operators' deliberate cross-tenant list. */
export async function listTenants(tx: Tx, query: TenantListQuery): Promise<TenantRow[]> {
  return tx
    .select()
    .from(tenants)
    .where(
      and(
        query.includeDeleted ? undefined : isNull(tenants.deletedAt),
        query.status ? eq(tenants.status, query.status) : undefined,
        query.q ? or(ilike(tenants.identifier, containing(query.q)), ilike(tenants.name, containing(query.q))) : undefined,
        beforeIdCursor(tenants.id, query.cursor),
      ),
    )
    .orderBy(desc(tenants.id))
    .limit(query.limit + 1);
}

/** Changes a tenant (platform path); undefined when there is no such tenant. */
export async function updateTenant(tx: Tx, tenantId: string, changes: TenantChanges): Promise<TenantRow | undefined> {
  const [tenant] = await tx.update(tenants).set(changes).where(eq(tenants.id, tenantId)).returning();
  return tenant;
}

/** Soft delete: INACTIVE, and the identifier free again. */
export async function softDeleteTenant(tx: Tx, tenantId: string): Promise<void> {
  await tx
    .update(tenants)
    .set({ status: 'INACTIVE', deletedAt: sql`now()` as unknown as Date })
    .where(eq(tenants.id, tenantId));
}

/**
 * Before a change of settings: a change of the search language re-indexes every listing
 * and content item of the tenant inside the UPDATE (definition 102), which for a big
 * tenant takes longer than the serving statement timeout (30 s). When the new settings
 * name another language than the stored ones, ten minutes for the rest of this
 * transaction only; any other change of settings keeps the serving timeout.
 */
export async function allowReindexTime(tx: Tx, tenantId: string, settings: Record<string, unknown>): Promise<void> {
  const search = settings.search as { language?: unknown } | undefined;
  const language = typeof search?.language === 'string' ? search.language : null;
  await tx.execute(
    sql`select set_config('statement_timeout', '10min', true)
         where (select coalesce(lower(t.settings #>> '{search,language}'), 'english') from ${tenants} t where t.id = ${tenantId})
               is distinct from coalesce(lower(${language}::text), 'english')`,
  );
}

/** The transaction's own tenant. */
export async function findOwnTenant(tx: TenantTx): Promise<TenantRow | undefined> {
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tx.tenantId));
  return tenant;
}

/** Changes the transaction's own tenant: name and settings only (column privileges enforce it). */
export async function updateOwnTenant(tx: TenantTx, changes: Pick<TenantChanges, 'name' | 'settings'>): Promise<TenantRow | undefined> {
  const [tenant] = await tx.update(tenants).set(changes).where(eq(tenants.id, tx.tenantId)).returning();
  return tenant;
}

/**
 * The operator's recovery of a tenant without an administrator: the live user (by id or
 * e-mail) active again and a permanent, tenant-wide tenant_admin — an existing
 * assignment loses its expiry. Answers the user, or undefined when there is none.
 */
export async function restoreTenantAdmin(tx: TenantTx, user: string): Promise<{ id: string; email: string; reactivated: boolean } | undefined> {
  return firstRow<{ id: string; email: string; reactivated: boolean }>(
    tx,
    sql`
    with target as (
      select id, email, deactivated_at is not null as reactivated from users
       where tenant_id = ${tx.tenantId} and deleted_at is null and (id::text = lower(${user}) or email = lower(${user}))
       limit 1
    ), active as (
      update users u set deactivated_at = null from target
       where u.tenant_id = ${tx.tenantId} and u.id = target.id and u.deactivated_at is not null
    ), role as (
      select id from roles where tenant_id = ${tx.tenantId} and type = 'SYSTEM' and name = 'tenant_admin'
    ), assigned as (
      insert into user_roles (tenant_id, user_id, role_id, account_id, expires_at)
      select ${tx.tenantId}, target.id, role.id, null, null from target, role
      on conflict on constraint user_roles_key do update set expires_at = null
    )
    select id, email, reactivated from target`,
  );
}
