import { type RequestContext, type Scope, tenantScope } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { withTenant } from '../../../db/tenant-context';
import type { ContentDeps, ContentViews } from '../shared/deps';
import { mayReadAnyState } from '../shared/policy';
import { type ContentView, type PublicContent, presentContent, presentPublicContent } from './presenters';
import { findContent, findPublishedContent } from './repository';

/** Any state, for the account's readers and the tenant's (within `scope` when a route names an account). */
export async function getContent(deps: ContentDeps, ctx: RequestContext, id: string, scope: Scope = tenantScope): Promise<ContentView> {
  return withTenant(deps.db, ctx, async (tx) => {
    const row = await findContent(tx, scope, id);
    if (!row || !mayReadAnyState(ctx.permissions, row.account_id)) throw new AppError('CONTENT_NOT_FOUND');
    return presentContent(row, ctx.permissions);
  });
}

/** Published content by id or slug, as the public sees it at this moment. */
export async function getPublishedContent(deps: ContentDeps, ctx: RequestContext, by: { id: string } | { slug: string }): Promise<PublicContent> {
  return withTenant(deps.db, ctx, async (tx) => {
    const row = await findPublishedContent(tx, by);
    if (!row) throw new AppError('CONTENT_NOT_FOUND');
    return presentPublicContent(row);
  });
}

/**
 * Published content as a reader opens it: a signed-in reader's read counts as a view (at
 * most once per hour), and the answer carries the new counters. The view is counted by
 * the activity module (handed in as `contentViews`) in its own transaction, after the read.
 */
export async function readPublishedContent(
  deps: ContentDeps & { contentViews: ContentViews },
  ctx: RequestContext,
  by: { id: string } | { slug: string },
): Promise<PublicContent> {
  const found = await getPublishedContent(deps, ctx, by);
  if (!ctx.actor) return found;
  const { stats } = await deps.contentViews.view(ctx, 'contents', found.id);
  return { ...found, stats };
}
