import { z } from 'zod';
import { isoDateTime, pageQuery, queryBoolean, text, uuid } from '../../http/kit/schemas';

export const reviewCreateSchema = z
  .strictObject({
    bookingId: uuid.optional().describe('A COMPLETED booking of which I am the client or the booked provider'),
    applicationId: uuid.optional().describe('An ACCEPTED application (mine, or to a listing of an account I review for) whose listing’s end date has passed'),
    stars: z.int().min(1).max(5),
    body: text(5000),
  })
  .refine((v) => (v.bookingId === undefined) !== (v.applicationId === undefined), {
    message: 'name exactly one of bookingId and applicationId',
    path: ['bookingId'],
  });
export type ReviewCreateInput = z.input<typeof reviewCreateSchema>;

export const reviewReplySchema = z.strictObject({ body: text(5000) });
export const reviewReportSchema = z.strictObject({ reason: text(1000) });
export const reviewHideSchema = z.strictObject({ reason: text(1000).optional() });

export const reviewListQuery = pageQuery;
export const ownReviewsQuery = pageQuery.extend({
  as: z.enum(['author', 'subject']).default('author').describe('author: the reviews I wrote (also unrevealed ones); subject: the visible reviews of me'),
});

export const moderationQuery = pageQuery.extend({
  reported: queryBoolean.optional().describe('Only reviews with (true) or without (false) reports'),
  hidden: queryBoolean.optional().describe('Only hidden (true) or visible (false) reviews'),
});

/** The same filter after the HTTP edge turned its query strings into booleans (what the use case takes). */
export const moderationFilter = pageQuery.extend({ reported: z.boolean().optional(), hidden: z.boolean().optional() });

export const reviewSide = z.enum(['CLIENT', 'PROVIDER', 'APPLICANT', 'ACCOUNT']);

export const ratingSummary = z
  .object({
    count: z.int().describe('Revealed, not hidden reviews'),
    average: z.number().nullable().describe('Mean stars, two decimals; null without reviews'),
  })
  .meta({ id: 'RatingSummary' });

/** What everyone sees of a revealed review. */
export const publicReviewResponse = z.object({
  id: uuid,
  stars: z.int(),
  body: z.string(),
  authorSide: reviewSide,
  authorName: z.string().nullable(),
  authorAccountId: uuid.nullable(),
  subjectUserId: uuid.nullable(),
  subjectAccountId: uuid.nullable(),
  listingId: uuid.nullable(),
  reply: z.string().nullable(),
  repliedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});

/** The author's and the moderators' view: also the subject, the state and the moderation. */
export const reviewResponse = publicReviewResponse.extend({
  authorId: uuid,
  bookingId: uuid.nullable(),
  applicationId: uuid.nullable(),
  revealed: z.boolean(),
  windowClosesAt: isoDateTime,
  hiddenAt: isoDateTime.nullable(),
  hiddenReason: z.string().nullable(),
  reportCount: z.int().optional(),
});

export const reportResponse = z.object({ id: uuid, reviewId: uuid, createdAt: isoDateTime });
