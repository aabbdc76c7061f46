import type { RequestContext } from '../../../core/context';
import { validationFailed } from '../../../core/errors';
import type { TenantTx } from '../../../db/tenant-context';
import { listingNotFound, requireInAccount, seesAccountListings } from '../shared/access';
import { priceErrors } from '../shared/policy';
import type { ListingRow } from '../shared/repository';
import { findListing } from './repository';

/**
 * A listing addressed by id, optionally through an account (account-tier routes): a
 * listing of another account then answers 404 like a missing one.
 */
export interface ListingRef {
  listingId: string;
  accountId?: string;
}

/** The live listing `ref` addresses, or undefined (lock: row-locked until the transaction ends). */
export async function listingAt(tx: TenantTx, ref: ListingRef, lock = false): Promise<ListingRow | undefined> {
  const listing = await findListing(tx, ref.listingId, lock);
  return listing && (ref.accountId === undefined || ref.accountId === listing.accountId) ? listing : undefined;
}

/** The listing for a management action, locked, or 404/403. */
export async function managedListing(tx: TenantTx, ctx: RequestContext, ref: ListingRef, permission: string): Promise<ListingRow> {
  const listing = await listingAt(tx, ref, true);
  if (!listing) throw listingNotFound();
  requireInAccount(ctx, permission, listing.accountId, seesAccountListings(ctx, listing.accountId), listingNotFound);
  return listing;
}

export function assertFutureExpiry(expiresAt: string | null | undefined): void {
  if (expiresAt && new Date(expiresAt).getTime() <= Date.now()) {
    throw validationFailed('The expiry must be in the future', [{ path: 'expiresAt', message: 'must be in the future' }]);
  }
}

export function assertPrice(price: string | null, priceType: ListingRow['priceType']): void {
  const errors = priceErrors(price, priceType);
  if (errors.length) throw validationFailed('A price is missing', errors);
}
