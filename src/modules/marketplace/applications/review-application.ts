import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { parseInput } from '../../../core/validation';
import { type TenantTx, withTenant } from '../../../db/tenant-context';
import { emitEvent } from '../../events';
import { updateListing } from '../listings/repository';
import { actorId, type Via } from '../shared/access';
import type { MarketplaceDeps } from '../shared/deps';
import { noticeApplicationStatus } from '../shared/notices';
import { type ApplicationAction, effectiveListingStatus, fillsListing, listingTakesDecisions, nextApplicationStatus, readRequirements } from '../shared/policy';
import { type ListingSummary, presentApplication, presentOwnListing } from '../shared/presenters';
import { applicationReviewSchema, type ReviewAction } from '../shared/schemas';
import { lockForChange } from './access';
import { type ApplicationWithListing, countAccepted, updateApplicationStatus } from './repository';

/** Moves an application and records who decided; an accept may fill (complete) the listing. */
async function move(tx: TenantTx, ctx: RequestContext, found: ApplicationWithListing, action: ApplicationAction) {
  const to = nextApplicationStatus(found.application.status, action);
  const application = await updateApplicationStatus(tx, found.application.id, to, action === 'withdraw' ? undefined : actorId(ctx));
  let listing: ListingSummary = found.listing;
  if (to === 'ACCEPTED' && fillsListing(readRequirements(found.listing.requirements), await countAccepted(tx, found.listing.id))) {
    const closed = await updateListing(tx, found.listing.id, { status: 'COMPLETED' });
    listing = { ...listing, status: closed.status };
    await emitEvent(tx, {
      type: 'listing.closed',
      actorId: ctx.actor?.userId ?? null,
      resourceType: 'listing',
      resourceId: found.listing.id,
      payload: presentOwnListing(closed),
    });
  }
  const view = presentApplication(application, listing);
  await emitEvent(tx, {
    type: 'application.status_changed',
    actorId: ctx.actor?.userId ?? null,
    resourceType: 'application',
    resourceId: application.id,
    payload: view,
  });
  await noticeApplicationStatus(tx, { id: application.id, applicantId: found.application.applicantId, status: to }, found.listing, ctx.actor?.userId ?? null);
  return view;
}

/** The applicant takes the application back, before a decision. */
export async function withdrawApplication(deps: MarketplaceDeps, ctx: RequestContext, applicationId: string) {
  const me = actorId(ctx);
  if (!ctx.permissions.can('user.applications.update')) throw new AppError('FORBIDDEN');
  return withTenant(deps.db, ctx, async (tx) => {
    const found = await lockForChange(tx, ctx, applicationId, 'applicant', (f) => f.application.applicantId === me);
    return move(tx, ctx, found, 'withdraw');
  });
}

/** The listing's account reviews, shortlists, accepts or rejects. */
export async function reviewApplication(deps: MarketplaceDeps, ctx: RequestContext, applicationId: string, input: { action: ReviewAction }, via?: Via) {
  const { action } = parseInput(applicationReviewSchema, input);
  actorId(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const found = await lockForChange(tx, ctx, applicationId, via, (f) => ctx.permissions.can('account.applications.review', f.listing.accountId));
    const listingStatus = effectiveListingStatus(found.listing, new Date());
    if (!listingTakesDecisions(listingStatus, action)) {
      throw new AppError('LISTING_CLOSED', `The listing is ${listingStatus}; its applications can only be rejected now`, { extra: { listingStatus } });
    }
    return move(tx, ctx, found, action);
  });
}
