import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { decodeCursor, toPage } from '../../core/pagination';
import { parseInput } from '../../core/validation';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import type { ReviewsDeps } from './deps';
import { presentPublicReview, presentRating, presentReview, type RatingSummaryJson } from './presenters';
import { listOwnReviews, listPublicReviews, listTenantReviews, type RatingKind, type ReviewsOf, readRatingSums } from './repository';
import { moderationFilter, ownReviewsQuery, reviewListQuery } from './schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id of the last row of the previous page, or 400 INVALID_CURSOR. */
function cursorId(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const [id] = decodeCursor(cursor, 1);
  if (typeof id !== 'string' || !UUID.test(id)) throw new AppError('INVALID_CURSOR');
  return id;
}

const idOf = (row: { id: string }) => [row.id];

/**
 * The revealed, visible reviews about a person, an account or a listing, newest first.
 * `exists` answers whether the addressed person, account or listing is there to be read
 * (404 otherwise, whatever reviews there are).
 */
export async function listReviewsOf(
  deps: ReviewsDeps,
  ctx: RequestContext,
  of: ReviewsOf,
  input: { cursor?: string; limit?: number },
  exists: (tx: TenantTx) => Promise<boolean>,
  notFound: () => AppError,
) {
  const query = parseInput(reviewListQuery, input);
  const after = cursorId(query.cursor);
  return withTenant(deps.db, ctx, async (tx) => {
    if (!(await exists(tx))) throw notFound();
    const found = await listPublicReviews(tx, of, { cursorId: after, limit: query.limit });
    return toPage(found, query.limit, idOf, presentPublicReview);
  });
}

/** The reviews I wrote, or the visible ones about me. */
export async function listMyReviews(deps: ReviewsDeps, ctx: RequestContext, input: { cursor?: string; limit?: number; as?: 'author' | 'subject' }) {
  const query = parseInput(ownReviewsQuery, input);
  const after = cursorId(query.cursor);
  const me = requireActor(ctx).userId;
  return withTenant(deps.db, ctx, async (tx) => {
    const found = await listOwnReviews(tx, me, query.as, { cursorId: after, limit: query.limit });
    return toPage(found, query.limit, idOf, presentReview);
  });
}

/** The moderators' list: every review, with its report count; filters reported / hidden. */
export async function listReviewsForModeration(
  deps: ReviewsDeps,
  ctx: RequestContext,
  input: { cursor?: string; limit?: number; reported?: boolean; hidden?: boolean },
) {
  const query = parseInput(moderationFilter, input);
  const after = cursorId(query.cursor);
  if (!ctx.permissions.can('tenant.reviews.read')) throw new AppError('FORBIDDEN');
  return withTenant(deps.db, ctx, async (tx) => {
    const found = await listTenantReviews(tx, { reported: query.reported, hidden: query.hidden, cursorId: after, limit: query.limit });
    return toPage(found, query.limit, idOf, presentReview);
  });
}

/** Rating summaries of several subjects of one kind, inside the caller's transaction. */
export async function readRatings(tx: TenantTx, kind: RatingKind, ids: string[]): Promise<Map<string, RatingSummaryJson>> {
  const sums = await readRatingSums(tx, kind, ids);
  return new Map(ids.map((id) => [id, presentRating(sums.get(id))]));
}
