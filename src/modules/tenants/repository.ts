import { and, desc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { beforeIdCursor } from '../../db/keyset';
import { containing } from '../../db/like';
import { tenants } from '../../db/schema';
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
