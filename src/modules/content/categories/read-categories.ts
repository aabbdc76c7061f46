import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { withTenant } from '../../../db/tenant-context';
import type { ContentDeps } from '../shared/deps';
import { buildTree, type CategoryNode, type CategoryView, presentCategory } from './presenters';
import { ancestorsOf, findCategory, listCategories } from './repository';

/** The whole tree of the tenant (categories are few; the tree is one document). */
export async function getCategoryTree(deps: ContentDeps, ctx: RequestContext): Promise<CategoryNode[]> {
  return withTenant(deps.db, ctx, async (tx) => buildTree(await listCategories(tx)));
}

export type CategoryDetail = CategoryView & { path: { id: string; slug: string; name: string }[]; children: CategoryView[] };

/** One category by id or slug, with its ancestors (root first) and direct children. */
export async function getCategory(deps: ContentDeps, ctx: RequestContext, by: { id: string } | { slug: string }): Promise<CategoryDetail> {
  return withTenant(deps.db, ctx, async (tx) => {
    const row = await findCategory(tx, by);
    if (!row) throw new AppError('CATEGORY_NOT_FOUND');
    const children = (await listCategories(tx, row.id)).map(presentCategory);
    return { ...presentCategory(row), path: await ancestorsOf(tx, row.id), children };
  });
}
