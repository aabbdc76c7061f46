import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { withTenant } from '../../../db/tenant-context';
import type { ContentDeps } from '../shared/deps';
import type { CreateCategoryInput, MoveCategoryInput, UpdateCategoryInput } from '../shared/schemas';
import { slugify } from '../shared/slug';
import { insertWithFreeSlug, withSlugSuggestion } from '../shared/slug-conflicts';
import { type CategoryView, presentCategory } from './presenters';
import { changeCategory, findCategory, insertCategoryUnlessSlugTaken, softDeleteCategory } from './repository';

/**
 * Changing the category tree of a tenant. The database refuses cycles (also between
 * concurrent moves), parents that are gone, and deleting a category that still has
 * children; those refusals arrive here as CATEGORY_CYCLE, CATEGORY_NOT_FOUND and
 * CATEGORY_HAS_CHILDREN (see db/constraint-errors.ts).
 */
function requirePermission(ctx: RequestContext, permission: string): void {
  if (!ctx.permissions.can(permission)) throw new AppError('FORBIDDEN', 'You may not change the categories of this tenant');
}

/** Runs a change of a live category and answers it, or 404; a taken slug is a 409 with a suggestion. */
function change(deps: ContentDeps, ctx: RequestContext, id: string, slug: string | undefined, set: UpdateCategoryInput | MoveCategoryInput) {
  return withSlugSuggestion(deps.db, ctx, 'categories', slug, () =>
    withTenant(deps.db, ctx, async (tx) => {
      if (!(await changeCategory(tx, id, set))) throw new AppError('CATEGORY_NOT_FOUND');
      return presentCategory((await findCategory(tx, { id }))!);
    }),
  );
}

/** A new category (optionally under a parent). The slug comes from the name unless given. */
export async function createCategory(deps: ContentDeps, ctx: RequestContext, input: CreateCategoryInput): Promise<CategoryView> {
  requirePermission(ctx, 'tenant.categories.create');
  const { slug: givenSlug, ...fields } = input;
  return withTenant(deps.db, ctx, async (tx) => {
    const id = await insertWithFreeSlug(tx, 'categories', givenSlug ?? slugify(input.name), givenSlug !== undefined, (slug) =>
      insertCategoryUnlessSlugTaken(tx, { ...fields, slug }),
    );
    return presentCategory((await findCategory(tx, { id }))!);
  });
}

/** Name, slug, description or position of a category. */
export async function updateCategory(deps: ContentDeps, ctx: RequestContext, id: string, input: UpdateCategoryInput): Promise<CategoryView> {
  requirePermission(ctx, 'tenant.categories.update');
  return change(deps, ctx, id, input.slug, input);
}

/** Re-parents a category (null: top level). The database refuses cycles. */
export async function moveCategory(deps: ContentDeps, ctx: RequestContext, id: string, input: MoveCategoryInput): Promise<CategoryView> {
  requirePermission(ctx, 'tenant.categories.update');
  return change(deps, ctx, id, undefined, input);
}

/** Soft delete; refused while it has subcategories. Content simply loses the category. */
export async function deleteCategory(deps: ContentDeps, ctx: RequestContext, id: string): Promise<void> {
  requirePermission(ctx, 'tenant.categories.delete');
  await withTenant(deps.db, ctx, async (tx) => {
    if (!(await softDeleteCategory(tx, id))) throw new AppError('CATEGORY_NOT_FOUND');
  });
}
