import { bindUseCases } from '../../core/use-case';
import type { ReviewsDeps } from './deps';
import { hideReviewAsModerator, reportReview } from './moderate-reviews';
import { listMyReviews, listReviewsForModeration, listReviewsOf } from './read-reviews';
import { replyToReview, writeReview } from './write-review';

/** The review use cases over one set of deps (routes, tests). */
export function createReviewService(deps: ReviewsDeps) {
  return bindUseCases(deps, {
    write: writeReview,
    reply: replyToReview,
    report: reportReview,
    hide: hideReviewAsModerator,
    listMine: listMyReviews,
    listOf: listReviewsOf,
    listForModeration: listReviewsForModeration,
  });
}

export type ReviewService = ReturnType<typeof createReviewService>;
