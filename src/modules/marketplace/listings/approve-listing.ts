import type { RequestContext } from '../../../core/context';
import { illegalTransition } from '../../../core/errors';
import { parseInput } from '../../../core/validation';
import { withTenant } from '../../../db/tenant-context';
import { emitEvent } from '../../events';
import { listingNotFound } from '../shared/access';
import type { MarketplaceDeps } from '../shared/deps';
import { effectiveListingStatus } from '../shared/policy';
import { presentOwnListing } from '../shared/presenters';
import { type ListingDecisionInput, listingDecisionSchema } from '../shared/schemas';
import { listingAt } from './access';
import { takeActiveSlot } from './plan';
import { updateListing } from './repository';

/**
 * A moderator's decision on a listing waiting in PENDING_APPROVAL (tenant.listings.update):
 * approve → ACTIVE (taking a slot of the account's plan, lifting any hold), reject →
 * DRAFT with the note for its account. Anything else is 409 ILLEGAL_TRANSITION.
 */
export async function decideListing(
  deps: MarketplaceDeps,
  ctx: RequestContext,
  listingId: string,
  decision: 'approve' | 'reject',
  input: ListingDecisionInput,
) {
  const { note } = parseInput(listingDecisionSchema, input);
  return withTenant(deps.db, ctx, async (tx) => {
    const listing = await listingAt(tx, { listingId }, true);
    if (!listing) throw listingNotFound();
    const status = effectiveListingStatus(listing, new Date());
    if (status !== 'PENDING_APPROVAL') throw illegalTransition('listing', status, decision, []);
    if (decision === 'approve') await takeActiveSlot(tx, listing);
    const changes =
      decision === 'approve' ? { status: 'ACTIVE' as const, heldAt: null, approvalNote: null } : { status: 'DRAFT' as const, approvalNote: note ?? null };
    const view = presentOwnListing(await updateListing(tx, listing.id, changes));
    const type = decision === 'approve' ? 'listing.published' : 'listing.rejected';
    await emitEvent(tx, { type, actorId: ctx.actor?.userId ?? null, resourceType: 'listing', resourceId: listing.id, payload: view });
    return view;
  });
}

export const approveListing = (deps: MarketplaceDeps, ctx: RequestContext, listingId: string, input: ListingDecisionInput) =>
  decideListing(deps, ctx, listingId, 'approve', input);
export const rejectListing = (deps: MarketplaceDeps, ctx: RequestContext, listingId: string, input: ListingDecisionInput) =>
  decideListing(deps, ctx, listingId, 'reject', input);
