import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import { emitEvent } from '../events';
import type { ReviewsDeps } from './deps';
import { type Authorship, applicationAuthorship, bookingAuthorship, isPublic, isReviewee } from './policy';
import { presentReview } from './presenters';
import { findReview, insertReview, lockApplicationForReview, lockBookingForReview, type ReviewSubject, revealWhenBothWrote, setReply } from './repository';
import { type ReviewCreateInput, reviewCreateSchema, reviewReplySchema } from './schemas';

/** Acting for an account means holding account.reviews.reply in it. */
const forAccount = (ctx: RequestContext) => (accountId: string) => ctx.permissions.can('account.reviews.reply', accountId);

interface Reviewable {
  subject: ReviewSubject;
  listingId: string | null;
  authorship: Authorship;
  closesAt: Date;
}

/** The booking, locked, if the caller is one of its two sides and it is COMPLETED. */
async function reviewableBooking(tx: TenantTx, me: string, bookingId: string): Promise<Reviewable> {
  const booking = await lockBookingForReview(tx, bookingId);
  const authorship = booking && bookingAuthorship(booking, me);
  if (!booking || !authorship) throw new AppError('BOOKING_NOT_FOUND');
  if (booking.status !== 'COMPLETED') throw new AppError('REVIEW_NOT_OPEN', `The booking is ${booking.status}; only a COMPLETED booking can be reviewed`);
  if (booking.closed) throw new AppError('REVIEW_WINDOW_CLOSED');
  return { subject: { bookingId }, listingId: booking.listingId, authorship, closesAt: booking.closesAt };
}

/**
 * The application, locked, if the caller is its applicant or reviews for the listing's
 * account, and the work is done: ACCEPTED, and the listing's end date has passed (the
 * marketplace has no separate "work done" state; the end date is when the job ends).
 */
async function reviewableApplication(tx: TenantTx, ctx: RequestContext, me: string, applicationId: string): Promise<Reviewable> {
  const application = await lockApplicationForReview(tx, applicationId);
  const authorship = application && applicationAuthorship(application, me, forAccount(ctx));
  if (!application || !authorship) throw new AppError('APPLICATION_NOT_FOUND');
  if (application.status !== 'ACCEPTED' || !application.ended || !application.closesAt) {
    throw new AppError('REVIEW_NOT_OPEN', 'Only an ACCEPTED application whose listing’s end date has passed can be reviewed');
  }
  if (application.closed) throw new AppError('REVIEW_WINDOW_CLOSED');
  return { subject: { applicationId }, listingId: application.listingId, authorship, closesAt: application.closesAt };
}

/**
 * One side reviews the other side of a finished booking or application. The subject's
 * row lock makes the two writers of one subject take turns, so the second always sees
 * the first and reveals both; the unique keys refuse a second review of one side
 * (409 REVIEW_ALREADY_WRITTEN), the check reviews_window one after the window.
 */
export async function writeReview(deps: ReviewsDeps, ctx: RequestContext, input: ReviewCreateInput) {
  const data = parseInput(reviewCreateSchema, input);
  const me = requireActor(ctx).userId;
  if (!ctx.permissions.can('user.reviews.create')) throw new AppError('FORBIDDEN');
  return withTenant(deps.db, ctx, async (tx) => {
    const target = data.bookingId ? await reviewableBooking(tx, me, data.bookingId) : await reviewableApplication(tx, ctx, me, data.applicationId!);
    const { authorship } = target;
    const review = await insertReview(tx, {
      ...('bookingId' in target.subject ? { bookingId: target.subject.bookingId } : { applicationId: target.subject.applicationId }),
      listingId: target.listingId,
      authorSide: authorship.side,
      authorId: me,
      authorAccountId: authorship.authorAccountId,
      subjectUserId: authorship.subjectUserId,
      subjectAccountId: authorship.subjectAccountId,
      stars: data.stars,
      body: data.body,
      windowClosesAt: target.closesAt,
    });
    const revealed = await revealWhenBothWrote(tx, target.subject);
    // Ids and stars only: the text stays private until the review is revealed.
    await emitEvent(tx, {
      type: 'review.created',
      actorId: me,
      resourceType: 'review',
      resourceId: review.id,
      payload: {
        id: review.id,
        ...target.subject,
        listingId: target.listingId,
        authorId: me,
        subjectUserId: authorship.subjectUserId,
        subjectAccountId: authorship.subjectAccountId,
        stars: data.stars,
      },
    });
    return presentReview(revealed.includes(review.id) ? ((await findReview(tx, review.id)) ?? review) : review);
  });
}

/** The reviewee answers a revealed review, once (409 REVIEW_ALREADY_REPLIED). */
export async function replyToReview(deps: ReviewsDeps, ctx: RequestContext, reviewId: string, input: { body: string }) {
  const { body } = parseInput(reviewReplySchema, input);
  const me = requireActor(ctx).userId;
  if (!ctx.permissions.can('user.reviews.create')) throw new AppError('FORBIDDEN');
  return withTenant(deps.db, ctx, async (tx) => {
    const review = await findReview(tx, reviewId);
    if (!review || !isPublic(review)) throw new AppError('REVIEW_NOT_FOUND');
    if (!isReviewee(review, me, forAccount(ctx))) throw new AppError('FORBIDDEN', 'Only the one reviewed can reply');
    const replied = await setReply(tx, reviewId, body, me);
    if (!replied) throw new AppError('REVIEW_ALREADY_REPLIED');
    return presentReview(replied);
  });
}
