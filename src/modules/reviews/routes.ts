import { z } from 'zod';
import { pageOf, uuid } from '../../http/kit/schemas';
import type { RouteModule } from '../../http/kit/types';
import {
  moderationQuery,
  ownReviewsQuery,
  reportResponse,
  reviewCreateSchema,
  reviewHideSchema,
  reviewReplySchema,
  reviewReportSchema,
  reviewResponse,
} from './schemas';
import { createReviewService } from './service';

const REVIEWS = ['Reviews'];
const reviewParams = z.strictObject({ reviewId: uuid });

/** Writing, replying to and reporting reviews; the moderators' list and hiding. The public lists are in the profiles module. */
export const reviewRoutes: RouteModule = (app, deps) => {
  const reviews = createReviewService({ db: deps.db });

  app.post(
    '/api/v1/user/reviews',
    {
      config: {
        permission: 'user.reviews.create',
        errors: ['APPLICATION_NOT_FOUND', 'BOOKING_NOT_FOUND', 'REVIEW_ALREADY_WRITTEN', 'REVIEW_NOT_OPEN', 'REVIEW_WINDOW_CLOSED'],
      },
      schema: {
        tags: REVIEWS,
        summary: 'Review the other side of a completed booking or a finished application',
        description:
          'Name a COMPLETED booking (as its client or provider) or an ACCEPTED application whose listing’s end date has passed (as the applicant, ' +
          'or for the listing’s account with account.reviews.reply). Once per side (409 REVIEW_ALREADY_WRITTEN), within 14 days after the work ended ' +
          '(409 REVIEW_WINDOW_CLOSED). The review is revealed when the other side has written too, or when the window closes.',
        body: reviewCreateSchema,
        response: { 201: reviewResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await reviews.write(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/user/reviews',
    {
      config: { permission: 'user.reviews.read' },
      schema: {
        tags: REVIEWS,
        summary: 'The reviews I wrote (?as=author, also unrevealed ones) or the visible reviews of me (?as=subject), newest first',
        querystring: ownReviewsQuery,
        response: { 200: pageOf(reviewResponse) },
      },
    },
    async (request) => reviews.listMine(request.ctx, request.query),
  );

  app.post(
    '/api/v1/user/reviews/:reviewId/reply',
    {
      config: { permission: 'user.reviews.create', errors: ['FORBIDDEN', 'REVIEW_ALREADY_REPLIED', 'REVIEW_NOT_FOUND'] },
      schema: {
        tags: REVIEWS,
        summary: 'Reply to a revealed review of me (or of an account I reply for), once',
        params: reviewParams,
        body: reviewReplySchema,
        response: { 200: reviewResponse },
      },
    },
    async (request) => reviews.reply(request.ctx, request.params.reviewId, request.body),
  );

  app.post(
    '/api/v1/user/reviews/:reviewId/report',
    {
      config: { permission: 'user.reviews.report', errors: ['REVIEW_ALREADY_REPORTED', 'REVIEW_NOT_FOUND'] },
      schema: {
        tags: REVIEWS,
        summary: 'Report a review to the moderators (once per person)',
        params: reviewParams,
        body: reviewReportSchema,
        response: { 201: reportResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await reviews.report(request.ctx, request.params.reviewId, request.body)),
  );

  app.get(
    '/api/v1/tenant/reviews',
    {
      config: { permission: 'tenant.reviews.read' },
      schema: {
        tags: REVIEWS,
        summary: 'All reviews, newest first, with their report counts (moderation queue: ?reported=true&hidden=false)',
        querystring: moderationQuery,
        response: { 200: pageOf(reviewResponse) },
      },
    },
    async (request) => reviews.listForModeration(request.ctx, request.query),
  );

  app.post(
    '/api/v1/tenant/reviews/:reviewId/hide',
    {
      config: { permission: 'tenant.reviews.moderate', errors: ['REVIEW_NOT_FOUND'] },
      schema: {
        tags: REVIEWS,
        summary: 'Hide a review: it leaves the public lists and the ratings (kept, and in the audit trail)',
        params: reviewParams,
        body: reviewHideSchema,
        response: { 200: reviewResponse },
      },
    },
    async (request) => reviews.hide(request.ctx, request.params.reviewId, request.body),
  );
};
