import type { RequestContext } from '../../../core/context';
import type { TenantTx } from '../../../db/tenant-context';
import { findListing } from '../listings/repository';
import { applicationNotFound, reachableVia, refuse, type Via } from '../shared/access';
import { type ApplicationWithListing, findApplication } from './repository';

export const reachable = (ctx: RequestContext, found: ApplicationWithListing, via: Via) =>
  reachableVia(via, { applicantId: found.application.applicantId, accountId: found.listing.accountId }, ctx.actor?.userId);

/** Who may look at an application: its applicant, and the listing's account. */
export const seesApplication = (ctx: RequestContext, found: ApplicationWithListing) =>
  found.application.applicantId === ctx.actor?.userId || ctx.permissions.can('account.applications.read', found.listing.accountId);

/**
 * Loads an application for a status change: the listing is locked first, then the
 * application (the order every application change uses), and the application is
 * re-read under its lock so the transition starts from its committed state.
 */
export async function lockForChange(
  tx: TenantTx,
  ctx: RequestContext,
  applicationId: string,
  via: Via,
  mayChange: (found: ApplicationWithListing) => boolean,
): Promise<ApplicationWithListing> {
  const found = await findApplication(tx, applicationId);
  if (!found || !reachable(ctx, found, via)) throw applicationNotFound();
  if (!mayChange(found)) throw refuse(seesApplication(ctx, found), applicationNotFound());
  await findListing(tx, found.listing.id, true);
  const locked = await findApplication(tx, applicationId, true);
  if (!locked) throw applicationNotFound();
  return locked;
}
