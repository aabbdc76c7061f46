import { type RequestContext, requireActor } from '../../core/context';
import { AppError, invalidCursor } from '../../core/errors';
import { isUuid } from '../../core/ids';
import { decodeCursor, type Page, toPage } from '../../core/pagination';
import { withTenant } from '../../db/tenant-context';
import { publicContentLabels } from '../content';
import type { EngagementDeps } from './engagement';
import { type ActivityView, presentActivity } from './presenters';
import { listActivities } from './repository';
import type { ActivityFeedQuery } from './schemas';

function decodeFeedCursor(cursor: string): { at: string; id: string } {
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || !isUuid(id)) {
    throw invalidCursor();
  }
  return { at, id };
}

/** The caller's own activity, newest first, with the content it is about while that is public. */
export async function activityFeed(deps: EngagementDeps, ctx: RequestContext, query: ActivityFeedQuery): Promise<Page<ActivityView>> {
  const actor = requireActor(ctx);
  if (!ctx.permissions.can('user.activity.read')) throw new AppError('FORBIDDEN');
  const after = query.cursor ? decodeFeedCursor(query.cursor) : undefined;
  return withTenant(deps.db, ctx, async (tx) => {
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
}
