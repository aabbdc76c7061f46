import type { z } from 'zod';
import { toIso } from '../../http/kit/schemas';
import type { ReviewListRow, ReviewRow } from './repository';
import type { publicReviewResponse, ratingSummary, reviewResponse } from './schemas';

export type RatingSummaryJson = z.output<typeof ratingSummary>;

/** count and sum → the API's summary (average to two decimals). */
export function presentRating(sums: { count: number; sum: number } | undefined): RatingSummaryJson {
  if (!sums || sums.count === 0) return { count: 0, average: null };
  return { count: sums.count, average: Math.round((sums.sum * 100) / sums.count) / 100 };
}

export function presentPublicReview(row: ReviewRow & { authorName?: string | null }): z.output<typeof publicReviewResponse> {
  return {
    id: row.id,
    stars: row.stars,
    body: row.body,
    authorSide: row.authorSide,
    authorName: row.authorName ?? null,
    authorAccountId: row.authorAccountId,
    subjectUserId: row.subjectUserId,
    subjectAccountId: row.subjectAccountId,
    listingId: row.listingId,
    reply: row.reply,
    repliedAt: toIso(row.repliedAt),
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentReview(row: ReviewRow & Partial<Pick<ReviewListRow, 'authorName' | 'reportCount'>>): z.output<typeof reviewResponse> {
  return {
    ...presentPublicReview(row),
    authorId: row.authorId,
    bookingId: row.bookingId,
    applicationId: row.applicationId,
    revealed: row.revealedAt !== null,
    windowClosesAt: row.windowClosesAt.toISOString(),
    hiddenAt: toIso(row.hiddenAt),
    hiddenReason: row.hiddenReason,
    ...(row.reportCount === undefined ? {} : { reportCount: Number(row.reportCount) }),
  };
}
