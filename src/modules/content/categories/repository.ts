import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { categories } from '../../../db/schema';
import { rows } from '../../../db/sql';
import type { TenantTx } from '../../../db/tenant-context';
import type { MoveCategoryInput, UpdateCategoryInput } from '../shared/schemas';

/** Data access for categories, in the transaction's tenant. Tree rules (no cycles, live parents) are the database's. */
export type CategoryRow = typeof categories.$inferSelect;
export type NewCategory = Omit<typeof categories.$inferInsert, 'tenantId'>;

const live = (tx: TenantTx, id: string) => and(eq(categories.tenantId, tx.tenantId), eq(categories.id, id), isNull(categories.deletedAt));

export async function insertCategoryUnlessSlugTaken(tx: TenantTx, values: NewCategory): Promise<string | undefined> {
  const [row] = await tx
    .insert(categories)
    .values({ ...values, tenantId: tx.tenantId })
    .onConflictDoNothing({ target: [categories.tenantId, categories.slug], where: sql`deleted_at is null` })
    .returning({ id: categories.id });
  return row?.id;
}

/** Changes a live category; false when there is none. */
export async function changeCategory(tx: TenantTx, id: string, set: UpdateCategoryInput | MoveCategoryInput): Promise<boolean> {
  if (Object.keys(set).length === 0) return (await findCategory(tx, { id })) !== undefined;
  const changed = await tx.update(categories).set(set).where(live(tx, id)).returning({ id: categories.id });
  return changed.length > 0;
}

/** Soft-deletes a live category; false when there is none. The database refuses it while it has live children. */
export async function softDeleteCategory(tx: TenantTx, id: string): Promise<boolean> {
  const changed = await tx.update(categories).set({ deletedAt: sql`now()` }).where(live(tx, id)).returning({ id: categories.id });
  return changed.length > 0;
}

export async function findCategory(tx: TenantTx, by: { id: string } | { slug: string }): Promise<CategoryRow | undefined> {
  const match = 'id' in by ? eq(categories.id, by.id) : eq(categories.slug, by.slug);
  const [row] = await tx
    .select()
    .from(categories)
    .where(and(eq(categories.tenantId, tx.tenantId), match, isNull(categories.deletedAt)));
  return row;
}

/** Live categories of the tenant (or the children of one) in sibling order: position, then name. */
export async function listCategories(tx: TenantTx, parentId?: string): Promise<CategoryRow[]> {
  return tx
    .select()
    .from(categories)
    .where(and(eq(categories.tenantId, tx.tenantId), isNull(categories.deletedAt), parentId ? eq(categories.parentId, parentId) : undefined))
    .orderBy(asc(categories.position), asc(categories.name), asc(categories.id));
}

/** The ancestors of a category, root first (breadcrumbs). */
export async function ancestorsOf(tx: TenantTx, id: string): Promise<{ id: string; slug: string; name: string }[]> {
  return rows(
    tx,
    sql`with recursive up(tenant_id, id, parent_id, slug, name, depth) as (
          select k.tenant_id, k.id, k.parent_id, k.slug, k.name, 0 from categories k where k.tenant_id = ${tx.tenantId} and k.id = ${id}
          union all
          select k.tenant_id, k.id, k.parent_id, k.slug, k.name, up.depth + 1 from categories k
            join up on k.tenant_id = up.tenant_id and k.id = up.parent_id
           where k.tenant_id = ${tx.tenantId} and up.depth < 100)
        select id, slug, name from up where depth > 0 order by depth desc`,
  );
}
