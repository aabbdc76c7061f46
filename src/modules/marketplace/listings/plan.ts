import { AppError } from '../../../core/errors';
import type { TenantTx } from '../../../db/tenant-context';
import { FEATURED_LISTINGS, hasFeature, readEntitlements, takeLimitedSlot } from '../../plans';
import { accountNotFound } from '../shared/access';
import type { ListingRow } from '../shared/repository';
import { countActiveListings } from './repository';

/**
 * Publishing and resuming take a slot of the account's maxActiveListings through the
 * plans module: the account row is locked first, so parallel publishes of one account
 * queue and each counts the ones committed before it — never more than the limit.
 * Only an ACTIVE account publishes.
 */
export async function takeActiveSlot(tx: TenantTx, listing: ListingRow): Promise<void> {
  if (listing.expiresAt && listing.expiresAt.getTime() <= Date.now()) {
    throw new AppError('LISTING_EXPIRY_PASSED', 'The listing’s expiry has passed; set a later expiresAt first');
  }
  await takeLimitedSlot(tx, listing.accountId, 'maxActiveListings', (t) => countActiveListings(t, listing.accountId), {
    check: (entitlements) => {
      if (entitlements.accountStatus !== 'ACTIVE') {
        throw new AppError('ACCOUNT_NOT_ACTIVE', `The account is ${entitlements.accountStatus}; only active accounts can publish`);
      }
    },
  });
}

/** 403 FEATURE_NOT_IN_PLAN unless the account's plan (or the account itself) has featured listings; 404 without the account. */
export async function assertMayFeature(tx: TenantTx, accountId: string): Promise<void> {
  const entitlements = await readEntitlements(tx, accountId, { lock: true });
  if (!entitlements) throw accountNotFound();
  if (!hasFeature(entitlements, FEATURED_LISTINGS)) {
    throw new AppError('FEATURE_NOT_IN_PLAN', 'Featured listings are not part of this account’s plan');
  }
}
