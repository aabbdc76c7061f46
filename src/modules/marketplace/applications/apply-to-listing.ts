import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { parseInput } from '../../../core/validation';
import { withTenant } from '../../../db/tenant-context';
import { emitEvent } from '../../events';
import { nameOf } from '../../notifications';
import { applicationStanding, findListing } from '../listings/repository';
import { actorId, listingNotFound } from '../shared/access';
import { ownAttachments } from '../shared/attachments';
import type { MarketplaceDeps } from '../shared/deps';
import { noticeApplicationSubmitted } from '../shared/notices';
import { answerErrors, effectiveListingStatus, readRequirements } from '../shared/policy';
import { presentApplication } from '../shared/presenters';
import { type ApplicationCreateInput, applicationCreateSchema } from '../shared/schemas';
import { insertApplication } from './repository';

/**
 * Applies the caller to an ACTIVE listing of an account that is not suspended. The listing row is locked for the
 * transaction, so a status change cannot slip between the check and the insert; the
 * unique key (listing, applicant) is what refuses a second application, however
 * simultaneous (409 ALREADY_APPLIED).
 */
export async function applyToListing(deps: MarketplaceDeps, ctx: RequestContext, listingId: string, input: ApplicationCreateInput) {
  const data = parseInput(applicationCreateSchema, input);
  const applicantId = actorId(ctx);
  if (!ctx.permissions.can('user.applications.create')) throw new AppError('FORBIDDEN');
  return withTenant(deps.db, ctx, async (tx) => {
    // Round trips: the listing's lock with everything the checks read; the insert; its
    // event and notice together; COMMIT (db/first-trip.ts sends statements issued together as one).
    const [listing, standing, applicantName] = await Promise.all([
      findListing(tx, listingId, true),
      applicationStanding(tx, listingId, applicantId),
      nameOf(tx, applicantId),
    ]);
    if (!listing || !standing || listing.status === 'DRAFT') throw listingNotFound();
    const status = effectiveListingStatus(listing, new Date());
    if (status !== 'ACTIVE') {
      throw new AppError('LISTING_NOT_OPEN', `The listing is ${status} and does not take applications`, { extra: { listingStatus: status } });
    }
    if (standing.accountSuspended) {
      throw new AppError('LISTING_NOT_OPEN', 'The listing’s account is suspended; the listing takes no applications', {
        extra: { listingStatus: status, accountStatus: 'SUSPENDED' },
      });
    }
    if (standing.member) throw new AppError('OWN_LISTING', 'You cannot apply to a listing of an account you belong to');
    const errors = answerErrors(readRequirements(listing.requirements), data.answers);
    if (errors.length) throw new AppError('INVALID_ANSWERS', 'The answers do not fit the listing’s questions', { errors });
    const attachments = await ownAttachments(tx, applicantId, data.attachments);
    const application = await insertApplication(tx, {
      listingId,
      applicantId,
      coverLetter: data.coverLetter ?? null,
      answers: data.answers,
      attachments,
    });
    const view = presentApplication(application, listing);
    await Promise.all([
      emitEvent(tx, { type: 'application.submitted', actorId: applicantId, resourceType: 'application', resourceId: application.id, payload: view }),
      noticeApplicationSubmitted(tx, { id: application.id, applicantId, applicantName }, listing),
    ]);
    return view;
  });
}
