import { sql } from 'drizzle-orm';
import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Database } from '../../db/client';
import { withTenant } from '../../db/tenant-context';
import { ancestorsOf, type CategoryRow, findCategory, insertCategoryUnlessSlugTaken, listCategories, updateCategory } from './category-repository';
import type { CreateCategoryInput, MoveCategoryInput, UpdateCategoryInput } from './schemas';
import { slugify } from './slug';
import { insertWithFreeSlug, withSlugSuggestion } from './slug-conflicts';

/**
 * Categories: a tree per tenant. The database refuses cycles (also between concurrent
 * moves), parents that are gone, and deleting a category that still has children;
 * those refusals arrive here as CATEGORY_CYCLE, CATEGORY_NOT_FOUND and
 * CATEGORY_HAS_CHILDREN (see constraints.ts).
 */
export function presentCategory(row: CategoryRow) {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    slug: row.slug,
    description: row.description,
    position: row.position,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type CategoryView = ReturnType<typeof presentCategory>;
export type CategoryNode = CategoryView & { children: CategoryNode[] };

/** Nests rows (already in sibling order) under their parents. */
export function buildTree(rows: CategoryRow[]): CategoryNode[] {
  const nodes = new Map(rows.map((row) => [row.id, { ...presentCategory(row), children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export interface CategoryServiceDeps {
  db: Database;
}

export function createCategoryService({ db }: CategoryServiceDeps) {
  const require = (ctx: RequestContext, permission: string) => {
    if (!ctx.permissions.can(permission)) throw new AppError('FORBIDDEN', 'You may not change the categories of this tenant');
  };

  /** Runs an update of a live category and answers it, or 404. */
  const change = (ctx: RequestContext, id: string, slug: string | undefined, set: Parameters<typeof updateCategory>[2]) =>
    withSlugSuggestion(db, ctx, 'categories', slug, () =>
      withTenant(db, ctx, async (tx) => {
        if (!(await updateCategory(tx, id, set))) throw new AppError('CATEGORY_NOT_FOUND');
        return presentCategory((await findCategory(tx, { id }))!);
      }),
    );

  return {
    async create(ctx: RequestContext, input: CreateCategoryInput): Promise<CategoryView> {
      require(ctx, 'tenant.categories.create');
      const { slug: givenSlug, ...fields } = input;
      return withTenant(db, ctx, async (tx) => {
        const id = await insertWithFreeSlug(tx, 'categories', givenSlug ?? slugify(input.name), givenSlug !== undefined, (slug) =>
          insertCategoryUnlessSlugTaken(tx, { ...fields, tenantId: ctx.tenantId!, slug }),
        );
        return presentCategory((await findCategory(tx, { id }))!);
      });
    },

    async update(ctx: RequestContext, id: string, input: UpdateCategoryInput): Promise<CategoryView> {
      require(ctx, 'tenant.categories.update');
      return change(ctx, id, input.slug, input);
    },

    /** Re-parents a category (null: top level). The database refuses cycles. */
    async move(ctx: RequestContext, id: string, input: MoveCategoryInput): Promise<CategoryView> {
      require(ctx, 'tenant.categories.update');
      return change(ctx, id, undefined, input);
    },

    /** Soft delete; refused while it has subcategories. Content simply loses the category. */
    async remove(ctx: RequestContext, id: string): Promise<void> {
      require(ctx, 'tenant.categories.delete');
      await withTenant(db, ctx, async (tx) => {
        if (!(await updateCategory(tx, id, { deletedAt: sql`now()` }))) throw new AppError('CATEGORY_NOT_FOUND');
      });
    },

    /** The whole tree of the tenant (categories are few; the tree is one document). */
    async tree(ctx: RequestContext): Promise<CategoryNode[]> {
      return withTenant(db, ctx, async (tx) => buildTree(await listCategories(tx)));
    },

    /** One category by id or slug, with its ancestors (root first) and direct children. */
    async get(ctx: RequestContext, by: { id: string } | { slug: string }) {
      return withTenant(db, ctx, async (tx) => {
        const row = await findCategory(tx, by);
        if (!row) throw new AppError('CATEGORY_NOT_FOUND');
        const children = (await listCategories(tx, row.id)).map(presentCategory);
        return { ...presentCategory(row), path: await ancestorsOf(tx, row.id), children };
      });
    },
  };
}

export type CategoryService = ReturnType<typeof createCategoryService>;
