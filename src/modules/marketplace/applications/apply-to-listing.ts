import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { newId } from '../../../core/ids';
import { parseInput } from '../../../core/validation';
import { lastTrip, withTenant } from '../../../db/tenant-context';
import { eventAudience, writeEvent } from '../../events';
import { nameOf, noticeLooks } from '../../notifications';
import { applicationStanding, findListing } from '../listings/repository';
import { actorId, listingNotFound } from '../shared/access';
import { lockAttachments } from '../shared/attachments';
import type { MarketplaceDeps } from '../shared/deps';
import { noticeApplicationSubmitted } from '../shared/notices';
import { answerErrors, effectiveListingStatus, readRequirements } from '../shared/policy';
import { type ApplicationRow, presentApplication } from '../shared/presenters';
import { transactionNow } from '../shared/repository';
import { type ApplicationCreateInput, applicationCreateSchema } from '../shared/schemas';
import { insertApplication } from './repository';

const SUBMITTED = 'application.submitted';

/**
 * Applies the caller to an ACTIVE listing of an account that is not suspended. The listing row is locked for the
 * transaction, so a status change cannot slip between the check and the insert; the
 * unique key (listing, applicant) is what refuses a second application, however
 * simultaneous (409 ALREADY_APPLIED).
 *
 * Two round trips on a server (decision 50): the first reads, with the session guard and
 * the listing's lock, everything the checks and the writes need (the account's standing,
 * the applicant's name, the attachments' locks, the webhook endpoints and the notice's
 * looks, the transaction's clock); the second is the insert, its event and its notice,
 * with COMMIT (lastTrip). The event's payload is the application as the API presents it:
 * the row is known before it is written — its id is made here, its timestamps are the
 * transaction's now(), the rest are the insert's values and the table's defaults — and the
 * answer is presented from the row the insert returns (test/marketplace/round-trips.test.ts
 * compares the two).
 */
export async function applyToListing(deps: MarketplaceDeps, ctx: RequestContext, listingId: string, input: ApplicationCreateInput) {
  const data = parseInput(applicationCreateSchema, input);
  const applicantId = actorId(ctx);
  if (!ctx.permissions.can('user.applications.create')) throw new AppError('FORBIDDEN');
  return withTenant(deps.db, ctx, async (tx) => {
    // In this order in the script: the plain reads, then the locks — the listing's, then the
    // files' (the one lock order of application changes) — so that they are held no longer
    // than needed: applications to one listing queue on its lock until COMMIT.
    const [standing, applicantName, audience, looks, now, listing, attachmentsOf] = await Promise.all([
      applicationStanding(tx, listingId, applicantId),
      nameOf(tx, applicantId),
      eventAudience(tx, SUBMITTED),
      noticeLooks(tx, SUBMITTED),
      transactionNow(tx),
      findListing(tx, listingId, true),
      lockAttachments(tx, applicantId, data.attachments),
    ]);
    if (!listing || !standing || listing.status === 'DRAFT') throw listingNotFound();
    const at = new Date();
    const status = effectiveListingStatus(listing, at);
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
    const values = {
      id: newId(),
      listingId: listing.id,
      applicantId,
      coverLetter: data.coverLetter ?? null,
      answers: data.answers,
      attachments: attachmentsOf(),
    };
    // The row as the insert will write it (its defaults: PENDING, not reviewed, created and updated now()).
    const expected: ApplicationRow = {
      ...values,
      tenantId: tx.tenantId,
      status: 'PENDING',
      reviewedAt: null,
      reviewedBy: null,
      createdAt: now,
      updatedAt: now,
    };
    const view = presentApplication(expected, listing, at);
    const [application] = await lastTrip(tx, () =>
      Promise.all([
        insertApplication(tx, values),
        writeEvent(tx, audience, { actorId: applicantId, resourceType: 'application', resourceId: values.id, payload: view }),
        noticeApplicationSubmitted(tx, looks, { id: values.id, applicantId, applicantName }, listing),
      ]),
    );
    return presentApplication(application, listing, at);
  });
}
