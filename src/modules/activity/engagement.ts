import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { isUuid } from '../../core/ids';
import type { Database } from '../../db/client';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import { type ContentStats, contentStats, isPubliclyVisibleContent } from '../content';
import { addLike, countInWindow, deleteLikeActivities, type EngagementKey, insertActivity, removeLike } from './repository';
import type { EngagementTarget, ShareInput } from './schemas';

/**
 * Likes, views and shares of what the public can see. Each counted event is an Activity
 * row plus a counter step, in one transaction; the rules (one like per user and target,
 * a view or share counted at most once per hour) are enforced by the database (see
 * repository.ts and migration 0111).
 */
export interface EngagementDeps {
  db: Database;
}

export interface EngagementResult {
  /** Whether this call changed anything (false: a repeated like, a view within the hour). */
  counted: boolean;
  stats: ContentStats;
}

export interface LikeResult extends EngagementResult {
  liked: boolean;
}

/** What each target needs: is it visible to the public now, and its counters. */
const targets: Record<
  EngagementTarget,
  { visible: (tx: TenantTx, id: string) => Promise<boolean>; stats: (tx: TenantTx, id: string) => Promise<ContentStats | undefined> }
> = {
  contents: { visible: isPubliclyVisibleContent, stats: contentStats },
};

/**
 * Runs `step` for the caller on a target the public can see (404 otherwise: likes on
 * drafts or on another tenant's content do not exist) and answers the counters.
 */
async function engage<R extends object>(
  deps: EngagementDeps,
  ctx: RequestContext,
  permission: string | null,
  target: EngagementTarget,
  targetId: string,
  step: (tx: TenantTx, key: EngagementKey) => Promise<R>,
): Promise<R & { stats: ContentStats }> {
  const actor = requireActor(ctx);
  if (permission && !ctx.permissions.can(permission)) throw new AppError('FORBIDDEN');
  if (!isUuid(targetId)) throw new AppError('CONTENT_NOT_FOUND');
  return withTenant(deps.db, ctx, async (tx) => {
    const kind = targets[target];
    if (!(await kind.visible(tx, targetId))) throw new AppError('CONTENT_NOT_FOUND');
    const result = await step(tx, { userId: actor.userId, target, targetId });
    return { ...result, stats: (await kind.stats(tx, targetId))! };
  });
}

/** Idempotent: liking again changes nothing (counted: false). */
export async function like(deps: EngagementDeps, ctx: RequestContext, target: EngagementTarget, targetId: string): Promise<LikeResult> {
  return engage(deps, ctx, 'user.activity.create', target, targetId, async (tx, key) => {
    const counted = await addLike(tx, key);
    if (counted) await insertActivity(tx, key, 'like');
    return { counted, liked: true };
  });
}

/** Removes the like and its activity; idempotent as well. */
export async function unlike(deps: EngagementDeps, ctx: RequestContext, target: EngagementTarget, targetId: string): Promise<LikeResult> {
  return engage(deps, ctx, 'user.activity.create', target, targetId, async (tx, key) => {
    const counted = await removeLike(tx, key);
    if (counted) await deleteLikeActivities(tx, key);
    return { counted, liked: false };
  });
}

/** A signed-in reader's view: counted at most once per hour (needs no grant; reading is public). */
export async function recordView(deps: EngagementDeps, ctx: RequestContext, target: EngagementTarget, targetId: string): Promise<EngagementResult> {
  return engage(deps, ctx, null, target, targetId, async (tx, key) => {
    const counted = await countInWindow(tx, key, 'view');
    if (counted) await insertActivity(tx, key, 'view');
    return { counted };
  });
}

/** A share: counted at most once per hour and target, whatever the channel. */
export async function recordShare(
  deps: EngagementDeps,
  ctx: RequestContext,
  target: EngagementTarget,
  targetId: string,
  input: ShareInput = {},
): Promise<EngagementResult> {
  return engage(deps, ctx, 'user.activity.create', target, targetId, async (tx, key) => {
    const counted = await countInWindow(tx, key, 'share');
    if (counted) await insertActivity(tx, key, 'share', input.channel ? { channel: input.channel } : undefined);
    return { counted };
  });
}
