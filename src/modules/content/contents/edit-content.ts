import { type RequestContext, type Scope, tenantScope } from '../../../core/context';
import { withTenant } from '../../../db/tenant-context';
import type { ContentDeps } from '../shared/deps';
import type { UpdateContentInput } from '../shared/schemas';
import { withSlugSuggestion } from '../shared/slug-conflicts';
import { checkMedia, lockForAction, viewAfterChange } from './access';
import type { ContentView } from './presenters';
import { setContentCategories, setContentMedia, softDeleteContent, updateContentFields } from './repository';

/**
 * Edits a DRAFT in `scope` (an account route names its account). Absent fields stay;
 * lists (tags, categories, media) are replaced.
 */
export async function editContent(
  deps: ContentDeps,
  ctx: RequestContext,
  id: string,
  input: UpdateContentInput,
  scope: Scope = tenantScope,
): Promise<ContentView> {
  const { categoryIds, mediaIds, ...fields } = input;
  return withSlugSuggestion(deps.db, ctx, 'contents', input.slug, () =>
    withTenant(deps.db, ctx, async (tx) => {
      const head = await lockForAction(tx, ctx.permissions, scope, id, 'edit');
      await checkMedia(tx, { accountId: head.accountId, actorId: ctx.actor?.userId ?? null, contentId: id }, input);
      if (Object.keys(fields).length) await updateContentFields(tx, id, fields);
      if (categoryIds) await setContentCategories(tx, id, categoryIds);
      if (mediaIds) await setContentMedia(tx, id, mediaIds);
      return viewAfterChange(tx, ctx.permissions, id);
    }),
  );
}

/** Soft delete, in any state; the slug becomes free again. */
export async function deleteContent(deps: ContentDeps, ctx: RequestContext, id: string, scope: Scope = tenantScope): Promise<void> {
  await withTenant(deps.db, ctx, async (tx) => {
    await lockForAction(tx, ctx.permissions, scope, id, 'delete');
    await softDeleteContent(tx, id);
  });
}
