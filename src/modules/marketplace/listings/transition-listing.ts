import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { parseInput } from '../../../core/validation';
import { withTenant } from '../../../db/tenant-context';
import { emitEvent } from '../../events';
import { listingNotFound, refuse, seesAccountListings } from '../shared/access';
import type { MarketplaceDeps } from '../shared/deps';
import { effectiveListingStatus, type ListingRole, nextListingStatus } from '../shared/policy';
import { presentOwnListing } from '../shared/presenters';
import { type ListingAction, listingActionSchema } from '../shared/schemas';
import { type ListingRef, listingAt } from './access';
import { takeActiveSlot } from './plan';
import { approvalRequired, updateListing } from './repository';

/** The domain event of each move; completing and cancelling both close the listing (its status tells which). */
const EVENT_OF: Record<ListingAction, string> = {
  publish: 'listing.published',
  pause: 'listing.paused',
  resume: 'listing.resumed',
  complete: 'listing.closed',
  cancel: 'listing.closed',
};

/**
 * Moves the listing through its lifecycle. The account (account.listings.update) may
 * do everything its state allows but resume a listing a moderator holds; a tenant
 * moderator (tenant.listings.update) may pause (holding it), resume and cancel. Publishing
 * and resuming take a slot of the account's plan.
 */
export async function transitionListing(deps: MarketplaceDeps, ctx: RequestContext, ref: ListingRef, input: { action: ListingAction }) {
  const { action } = parseInput(listingActionSchema, input);
  return withTenant(deps.db, ctx, async (tx) => {
    const listing = await listingAt(tx, ref, true);
    if (!listing) throw listingNotFound();
    const role: ListingRole | null = ctx.permissions.can('account.listings.update', listing.accountId)
      ? 'owner'
      : ctx.permissions.can('tenant.listings.update')
        ? 'moderator'
        : null;
    if (!role) throw refuse(seesAccountListings(ctx, listing.accountId), listingNotFound());
    let to = nextListingStatus(effectiveListingStatus(listing, new Date()), action, role);
    if (to === 'ACTIVE' && listing.heldAt && role === 'owner') throw new AppError('LISTING_HELD');
    // With listing approval, a publication waits for a moderator (approveListing); no slot yet.
    const submitted = action === 'publish' && (await approvalRequired(tx));
    if (submitted) to = 'PENDING_APPROVAL';
    if (to === 'ACTIVE') await takeActiveSlot(tx, listing);
    // A moderator's pause holds the listing down; a moderator's resume lifts the hold.
    const hold = role === 'moderator' && action === 'pause' ? { heldAt: new Date() } : role === 'moderator' && action === 'resume' ? { heldAt: null } : {};
    const view = presentOwnListing(await updateListing(tx, listing.id, { status: to, ...hold, ...(action === 'publish' ? { approvalNote: null } : {}) }));
    await emitEvent(tx, {
      type: submitted ? 'listing.submitted' : EVENT_OF[action],
      actorId: ctx.actor?.userId ?? null,
      resourceType: 'listing',
      resourceId: listing.id,
      payload: view,
    });
    return view;
  });
}
