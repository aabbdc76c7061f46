import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { withTenant } from '../../db/tenant-context';
import { presentListing } from '../marketplace';
import { readRatings } from '../reviews';
import type { ProfilesDeps } from './deps';
import { presentCard } from './presenters';
import { accountOpenListings, applicantOf, findVisibleAccount, findVisibleUser, personOpenListings } from './repository';

/** How many open listings a profile shows (the newest). */
const LISTINGS_SHOWN = 5;

/** A person's public profile: public fields, rating, newest open listings. */
export async function getPublicUser(deps: ProfilesDeps, ctx: RequestContext, userId: string) {
  return withTenant(deps.db, ctx, async (tx) => {
    const user = await findVisibleUser(tx, userId);
    if (!user) throw new AppError('USER_NOT_FOUND');
    const rating = (await readRatings(tx, 'USER', [user.id])).get(user.id)!;
    const listings = await personOpenListings(tx, user.id, LISTINGS_SHOWN);
    return { ...presentCard(user, rating), listings: listings.map((l) => presentListing(l)) };
  });
}

/** An account's public profile: name, type, rating, newest open listings. */
export async function getPublicAccount(deps: ProfilesDeps, ctx: RequestContext, accountId: string) {
  return withTenant(deps.db, ctx, async (tx) => {
    const account = await findVisibleAccount(tx, accountId);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
    const rating = (await readRatings(tx, 'ACCOUNT', [account.id])).get(account.id)!;
    const listings = await accountOpenListings(tx, account.id, LISTINGS_SHOWN);
    return { ...account, createdAt: account.createdAt.toISOString(), rating, listings: listings.map((l) => presentListing(l)) };
  });
}

/**
 * The applicant of an application to one of the account's listings, as the account's
 * people see their counterpart: name, avatar, headline and rating always, other fields
 * as the applicant made them public (e-mail and phone only then).
 */
export async function getApplicant(deps: ProfilesDeps, ctx: RequestContext, ref: { accountId: string; applicationId: string }) {
  return withTenant(deps.db, ctx, async (tx) => {
    const applicantId = await applicantOf(tx, ref.accountId, ref.applicationId);
    const user = applicantId ? await findVisibleUser(tx, applicantId) : undefined;
    if (!user) throw new AppError('APPLICATION_NOT_FOUND');
    const rating = (await readRatings(tx, 'USER', [user.id])).get(user.id)!;
    return presentCard(user, rating, ['avatar', 'headline']);
  });
}
