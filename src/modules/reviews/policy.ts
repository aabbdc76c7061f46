import type { z } from 'zod';
import type { reviewSide } from './schemas';

type ReviewSide = z.infer<typeof reviewSide>;

/**
 * Who writes about whom. A booking: its client reviews the provider (the booked
 * person) and the other way round. An application: the applicant reviews the
 * listing's account (and through it the listing); the account reviews the applicant.
 */
export interface Authorship {
  side: ReviewSide;
  authorAccountId: string | null;
  subjectUserId: string | null;
  subjectAccountId: string | null;
}

export function bookingAuthorship(booking: { clientId: string; resourceId: string }, me: string): Authorship | undefined {
  if (booking.clientId === me) return { side: 'CLIENT', authorAccountId: null, subjectUserId: booking.resourceId, subjectAccountId: null };
  if (booking.resourceId === me) return { side: 'PROVIDER', authorAccountId: null, subjectUserId: booking.clientId, subjectAccountId: null };
  return undefined;
}

export function applicationAuthorship(
  application: { applicantId: string; accountId: string },
  me: string,
  forAccount: (accountId: string) => boolean,
): Authorship | undefined {
  if (application.applicantId === me) return { side: 'APPLICANT', authorAccountId: null, subjectUserId: null, subjectAccountId: application.accountId };
  if (forAccount(application.accountId)) {
    return { side: 'ACCOUNT', authorAccountId: application.accountId, subjectUserId: application.applicantId, subjectAccountId: null };
  }
  return undefined;
}

/** Whether the caller is the one a review is about (and so may reply). */
export const isReviewee = (review: { subjectUserId: string | null; subjectAccountId: string | null }, me: string, forAccount: (accountId: string) => boolean) =>
  review.subjectUserId === me || (review.subjectAccountId !== null && forAccount(review.subjectAccountId));

/** Everyone may see a review once it is revealed, until a moderator hides it. */
export const isPublic = (review: { revealedAt: Date | null; hiddenAt: Date | null }) => review.revealedAt !== null && review.hiddenAt === null;
