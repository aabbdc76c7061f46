import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { bindUseCases } from '../../core/use-case';
import { createReviewService } from '../reviews';
import type { ProfilesDeps } from './deps';
import { choosePublicFields, getPublicFields } from './public-fields';
import { getApplicant, getPublicAccount, getPublicUser } from './read-profiles';
import { findVisibleAccount, findVisibleUser, listingIsVisible } from './repository';

type Page = { cursor?: string; limit?: number };

/** The profile use cases over one set of deps; the public review lists check that their subject may be shown. */
export function createProfileService(deps: ProfilesDeps) {
  const reviews = createReviewService(deps);
  return {
    ...bindUseCases(deps, { getUser: getPublicUser, getAccount: getPublicAccount, getApplicant, choosePublicFields, getPublicFields }),
    userReviews: (ctx: RequestContext, userId: string, page: Page) =>
      reviews.listOf(
        ctx,
        { userId },
        page,
        async (tx) => (await findVisibleUser(tx, userId)) !== undefined,
        () => new AppError('USER_NOT_FOUND'),
      ),
    accountReviews: (ctx: RequestContext, accountId: string, page: Page) =>
      reviews.listOf(
        ctx,
        { accountId },
        page,
        async (tx) => (await findVisibleAccount(tx, accountId)) !== undefined,
        () => new AppError('ACCOUNT_NOT_FOUND'),
      ),
    listingReviews: (ctx: RequestContext, listingId: string, page: Page) =>
      reviews.listOf(
        ctx,
        { listingId },
        page,
        (tx) => listingIsVisible(tx, listingId),
        () => new AppError('LISTING_NOT_FOUND'),
      ),
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
