/**
 * Reviews and ratings: after a completed booking or a finished accepted application
 * each side reviews the other once, within 14 days; reviews are revealed when both
 * wrote or the window closed; the reviewee replies once; reports and moderation; rating
 * summaries per user, account and listing kept by the database. docs/marketplace.md.
 */
export type { ReviewsDeps } from './deps';
export { presentRating, type RatingSummaryJson } from './presenters';
export { listReviewsOf, readRatings } from './read-reviews';
export { revealDueReviews, tenantsWithDueReviews } from './repository';
export { reviewRoutes } from './routes';
export { publicReviewResponse, ratingSummary, reviewListQuery, reviewResponse } from './schemas';
export { createReviewService, type ReviewService } from './service';
