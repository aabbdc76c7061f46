import { type RequestContext, requireActor } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { withTenant } from '../../../db/tenant-context';
import type { ContentDeps } from '../shared/deps';
import type { CreateContentInput } from '../shared/schemas';
import { slugify } from '../shared/slug';
import { insertWithFreeSlug } from '../shared/slug-conflicts';
import { checkMedia, requireAccount, viewAfterChange } from './access';
import type { ContentView } from './presenters';
import { insertContentUnlessSlugTaken, setContentCategories, setContentMedia } from './repository';

/** A new DRAFT by the caller for an account. The slug comes from the title unless given. */
export async function createContent(deps: ContentDeps, ctx: RequestContext, input: CreateContentInput): Promise<ContentView> {
  const actor = requireActor(ctx);
  if (!ctx.permissions.can('account.content.create', input.accountId)) throw new AppError('FORBIDDEN', 'You may not create content for this account');
  const { categoryIds, mediaIds, slug: givenSlug, ...fields } = input;
  return withTenant(deps.db, ctx, async (tx) => {
    await requireAccount(tx, input.accountId);
    await checkMedia(tx, { accountId: input.accountId, actorId: actor.userId }, input);
    const id = await insertWithFreeSlug(tx, 'contents', givenSlug ?? slugify(input.title), givenSlug !== undefined, (slug) =>
      insertContentUnlessSlugTaken(tx, { ...fields, userId: actor.userId, slug }),
    );
    if (categoryIds?.length) await setContentCategories(tx, id, categoryIds);
    if (mediaIds?.length) await setContentMedia(tx, id, mediaIds);
    return viewAfterChange(tx, ctx.permissions, id);
  });
}
