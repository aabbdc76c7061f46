import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import { withTenant } from '../../db/tenant-context';
import type { ReviewsDeps } from './deps';
import { isPublic } from './policy';
import { presentReview } from './presenters';
import { findReview, hideReview, insertReport } from './repository';
import { reviewHideSchema, reviewReportSchema } from './schemas';

/** Anyone signed in reports a review they can see, once (409 REVIEW_ALREADY_REPORTED). */
export async function reportReview(deps: ReviewsDeps, ctx: RequestContext, reviewId: string, input: { reason: string }) {
  const { reason } = parseInput(reviewReportSchema, input);
  const me = requireActor(ctx).userId;
  return withTenant(deps.db, ctx, async (tx) => {
    const review = await findReview(tx, reviewId);
    if (!review || !isPublic(review)) throw new AppError('REVIEW_NOT_FOUND');
    const report = await insertReport(tx, reviewId, me, reason);
    return { id: report.id, reviewId, createdAt: report.createdAt.toISOString() };
  });
}

/**
 * A moderator hides a review: it leaves the public lists and the ratings (the rating
 * trigger subtracts it); the change is in the audit trail like every change of reviews.
 * Hiding a hidden review changes nothing.
 */
export async function hideReviewAsModerator(deps: ReviewsDeps, ctx: RequestContext, reviewId: string, input: { reason?: string }) {
  const { reason } = parseInput(reviewHideSchema, input);
  const me = requireActor(ctx).userId;
  if (!ctx.permissions.can('tenant.reviews.moderate')) throw new AppError('FORBIDDEN');
  return withTenant(deps.db, ctx, async (tx) => {
    const review = await findReview(tx, reviewId, true);
    if (!review) throw new AppError('REVIEW_NOT_FOUND');
    return presentReview((await hideReview(tx, reviewId, me, reason ?? null)) ?? review);
  });
}
