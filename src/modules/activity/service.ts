import type { Actor, RequestContext } from '../../core/context';
import { AppError, invalidCursor } from '../../core/errors';
import { isUuid } from '../../core/ids';
import { decodeCursor, type Page, toPage } from '../../core/pagination';
import type { Database } from '../../db/client';
import { type Tx, withTenant } from '../../db/tenant-context';
import { type ContentStats, contentStats, isPubliclyVisibleContent, publicContentLabels } from '../content';
import { type ActivityView, presentActivity } from './presenters';
import { addLike, countInWindow, deleteLikeActivities, type EngagementKey, insertActivity, listActivities, removeLike } from './repository';
import type { ActivityFeedQuery, EngagementTarget, ShareInput } from './schemas';

/**
 * Likes, views and shares of what the public can see, and a user's own activity feed.
 * Each counted event is an Activity row plus a counter step, in one transaction; the
 * rules (one like per user and target, a view or share counted at most once per hour)
 * are enforced by the database (see repository.ts and migration 0111).
 */
export interface EngagementServiceDeps {
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
  { visible: (tx: Tx, id: string) => Promise<boolean>; stats: (tx: Tx, id: string) => Promise<ContentStats | undefined> }
> = {
  contents: { visible: isPubliclyVisibleContent, stats: contentStats },
};

function requireUser(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'Sign in to do this');
  return ctx.actor;
}

export function createEngagementService({ db }: EngagementServiceDeps) {
  /**
   * Runs `step` for the caller on a target the public can see (404 otherwise: likes
   * on drafts or on another tenant's content do not exist) and answers the counters.
   */
  async function engage<R extends object>(
    ctx: RequestContext,
    permission: string | null,
    target: EngagementTarget,
    targetId: string,
    step: (tx: Tx, key: EngagementKey) => Promise<R>,
  ): Promise<R & { stats: ContentStats }> {
    const actor = requireUser(ctx);
    if (permission && !ctx.permissions.can(permission)) throw new AppError('FORBIDDEN');
    if (!isUuid(targetId)) throw new AppError('CONTENT_NOT_FOUND');
    return withTenant(db, ctx, async (tx) => {
      const kind = targets[target];
      if (!(await kind.visible(tx, targetId))) throw new AppError('CONTENT_NOT_FOUND');
      const result = await step(tx, { tenantId: ctx.tenantId!, userId: actor.userId, target, targetId });
      return { ...result, stats: (await kind.stats(tx, targetId))! };
    });
  }

  return {
    /** Idempotent: liking again changes nothing (counted: false). */
    like(ctx: RequestContext, target: EngagementTarget, targetId: string): Promise<LikeResult> {
      return engage(ctx, 'user.activity.create', target, targetId, async (tx, key) => {
        const counted = await addLike(tx, key);
        if (counted) await insertActivity(tx, key, 'like');
        return { counted, liked: true };
      });
    },

    /** Removes the like and its activity; idempotent as well. */
    unlike(ctx: RequestContext, target: EngagementTarget, targetId: string): Promise<LikeResult> {
      return engage(ctx, 'user.activity.create', target, targetId, async (tx, key) => {
        const counted = await removeLike(tx, key);
        if (counted) await deleteLikeActivities(tx, key);
        return { counted, liked: false };
      });
    },

    /** A signed-in reader's view: counted at most once per hour (needs no grant; reading is public). */
    view(ctx: RequestContext, target: EngagementTarget, targetId: string): Promise<EngagementResult> {
      return engage(ctx, null, target, targetId, async (tx, key) => {
        const counted = await countInWindow(tx, key, 'view');
        if (counted) await insertActivity(tx, key, 'view');
        return { counted };
      });
    },

    /** A share: counted at most once per hour and target, whatever the channel. */
    share(ctx: RequestContext, target: EngagementTarget, targetId: string, input: ShareInput = {}): Promise<EngagementResult> {
      return engage(ctx, 'user.activity.create', target, targetId, async (tx, key) => {
        const counted = await countInWindow(tx, key, 'share');
        if (counted) await insertActivity(tx, key, 'share', input.channel ? { channel: input.channel } : undefined);
        return { counted };
      });
    },

    /** The caller's own activity, newest first, with the content it is about while that is public. */
    async feed(ctx: RequestContext, query: ActivityFeedQuery): Promise<Page<ActivityView>> {
      const actor = requireUser(ctx);
      if (!ctx.permissions.can('user.activity.read')) throw new AppError('FORBIDDEN');
      const after = query.cursor ? decodeFeedCursor(query.cursor) : undefined;
      return withTenant(db, ctx, async (tx) => {
        const found = await listActivities(tx, actor.userId, { type: query.type, limit: query.limit, after });
        const labels = await publicContentLabels(
          tx,
          found.filter((a) => a.target === 'contents').map((a) => a.target_id),
        );
        return toPage(
          found,
          query.limit,
          (row) => [row.sort_key, row.id],
          (row) => presentActivity(row, row.target === 'contents' ? labels.get(row.target_id) : undefined),
        );
      });
    },
  };
}

function decodeFeedCursor(cursor: string): { at: string; id: string } {
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || !isUuid(id)) {
    throw invalidCursor();
  }
  return { at, id };
}

export type EngagementService = ReturnType<typeof createEngagementService>;
