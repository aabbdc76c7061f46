import { sql } from 'drizzle-orm';
import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { toPage } from '../../../core/pagination';
import type { Database } from '../../../db/client';
import { type Tx, withTenant } from '../../../db/tenant-context';
import { findListing, isAccountMember, updateListing } from '../listings/repository';
import {
  actorId,
  applicationNotFound,
  listingNotFound,
  reachableVia,
  refuse,
  requireInAccount,
  seesAccountListings,
  tenantOf,
  type Via,
} from '../shared/access';
import { ownAttachments } from '../shared/attachments';
import { newestCursor } from '../shared/keyset';
import {
  type ApplicationAction,
  answerErrors,
  effectiveListingStatus,
  fillsListing,
  listingTakesDecisions,
  nextApplicationStatus,
  readRequirements,
} from '../shared/policy';
import { type ListingSummary, presentApplication } from '../shared/presenters';
import {
  type ApplicationCreateInput,
  type ApplicationListInput,
  applicationCreateSchema,
  applicationListSchema,
  applicationReviewSchema,
  type ReviewAction,
} from '../shared/schemas';
import { parseInput } from '../shared/validation';
import {
  type ApplicationWithListing,
  byApplicant,
  byListing,
  countAccepted,
  findApplication,
  insertApplication,
  listApplications,
  updateApplication,
} from './repository';

const presentRow = (row: ApplicationWithListing) => presentApplication(row.application, row.listing);

const reachable = (ctx: RequestContext, found: ApplicationWithListing, via: Via) =>
  reachableVia(via, { applicantId: found.application.applicantId, accountId: found.listing.accountId }, ctx.actor?.userId);

/** Who may look at an application: its applicant, and the listing's account. */
const seesApplication = (ctx: RequestContext, found: ApplicationWithListing) =>
  found.application.applicantId === ctx.actor?.userId || ctx.permissions.can('account.applications.read', found.listing.accountId);

export function createApplicationService(deps: { db: Database }) {
  const { db } = deps;

  /**
   * Loads an application for a status change: the listing is locked first, then the
   * application (the order every application change uses), and the application is
   * re-read under its lock so the transition starts from its committed state.
   */
  async function lockForChange(tx: Tx, ctx: RequestContext, applicationId: string, via: Via, mayChange: (found: ApplicationWithListing) => boolean) {
    const tenantId = tenantOf(ctx);
    const found = await findApplication(tx, tenantId, applicationId);
    if (!found || !reachable(ctx, found, via)) throw applicationNotFound();
    if (!mayChange(found)) throw refuse(seesApplication(ctx, found), applicationNotFound());
    await findListing(tx, tenantId, found.listing.id, true);
    return (await findApplication(tx, tenantId, applicationId, true))!;
  }

  /** Moves an application and records who decided; an accept may fill (complete) the listing. */
  async function move(tx: Tx, ctx: RequestContext, found: ApplicationWithListing, action: ApplicationAction) {
    const tenantId = tenantOf(ctx);
    const to = nextApplicationStatus(found.application.status, action);
    const reviewer = action === 'withdraw' ? {} : { reviewedAt: sql`now()`, reviewedBy: actorId(ctx) };
    const application = await updateApplication(tx, tenantId, found.application.id, { status: to, ...reviewer });
    let listing: ListingSummary = found.listing;
    if (to === 'ACCEPTED' && fillsListing(readRequirements(found.listing.requirements), await countAccepted(tx, tenantId, found.listing.id))) {
      const closed = await updateListing(tx, tenantId, found.listing.id, { status: 'COMPLETED' });
      listing = { ...listing, status: closed.status };
    }
    return presentApplication(application, listing);
  }

  return {
    /**
     * Applies the caller to an ACTIVE listing. The listing row is locked for the
     * transaction, so a status change cannot slip between the check and the insert;
     * the unique key (listing, applicant) is what refuses a second application,
     * however simultaneous (409 ALREADY_APPLIED).
     */
    async apply(ctx: RequestContext, listingId: string, input: ApplicationCreateInput) {
      const data = parseInput(applicationCreateSchema, input);
      const applicantId = actorId(ctx);
      const tenantId = tenantOf(ctx);
      if (!ctx.permissions.can('user.applications.create')) throw new AppError('FORBIDDEN');
      return withTenant(db, ctx, async (tx) => {
        const listing = await findListing(tx, tenantId, listingId, true);
        if (!listing || listing.status === 'DRAFT') throw listingNotFound();
        const status = effectiveListingStatus(listing, new Date());
        if (status !== 'ACTIVE')
          throw new AppError('LISTING_NOT_OPEN', `The listing is ${status} and does not take applications`, { extra: { listingStatus: status } });
        if (await isAccountMember(tx, tenantId, listing.accountId, applicantId)) {
          throw new AppError('OWN_LISTING', 'You cannot apply to a listing of an account you belong to');
        }
        const errors = answerErrors(readRequirements(listing.requirements), data.answers);
        if (errors.length) throw new AppError('INVALID_ANSWERS', 'The answers do not fit the listing’s questions', { errors });
        const attachments = await ownAttachments(tx, tenantId, applicantId, data.attachments);
        const application = await insertApplication(tx, {
          tenantId,
          listingId,
          applicantId,
          coverLetter: data.coverLetter ?? null,
          answers: data.answers,
          attachments,
        });
        return presentApplication(application, listing);
      });
    },

    /** The applicant takes the application back, before a decision. */
    async withdraw(ctx: RequestContext, applicationId: string) {
      const me = actorId(ctx);
      if (!ctx.permissions.can('user.applications.update')) throw new AppError('FORBIDDEN');
      return withTenant(db, ctx, async (tx) => {
        const found = await lockForChange(tx, ctx, applicationId, 'applicant', (f) => f.application.applicantId === me);
        return move(tx, ctx, found, 'withdraw');
      });
    },

    /** The listing's account reviews, shortlists, accepts or rejects. */
    async review(ctx: RequestContext, applicationId: string, input: { action: ReviewAction }, via?: Via) {
      const { action } = parseInput(applicationReviewSchema, input);
      actorId(ctx);
      return withTenant(db, ctx, async (tx) => {
        const found = await lockForChange(tx, ctx, applicationId, via, (f) => ctx.permissions.can('account.applications.review', f.listing.accountId));
        const listingStatus = effectiveListingStatus(found.listing, new Date());
        if (!listingTakesDecisions(listingStatus, action)) {
          throw new AppError('LISTING_CLOSED', `The listing is ${listingStatus}; its applications can only be rejected now`, { extra: { listingStatus } });
        }
        return move(tx, ctx, found, action);
      });
    },

    /** One application, for its applicant or the listing's account. */
    async get(ctx: RequestContext, applicationId: string, via?: Via) {
      return withTenant(db, ctx, async (tx) => {
        const found = await findApplication(tx, tenantOf(ctx), applicationId);
        if (!found || !reachable(ctx, found, via) || !seesApplication(ctx, found)) throw applicationNotFound();
        return presentRow(found);
      });
    },

    /** The caller's own applications, newest first. */
    async listMine(ctx: RequestContext, input: ApplicationListInput) {
      const query = parseInput(applicationListSchema, input);
      const me = actorId(ctx);
      if (!ctx.permissions.can('user.applications.read')) throw new AppError('FORBIDDEN');
      return withTenant(db, ctx, async (tx) => {
        const rows = await listApplications(tx, tenantOf(ctx), byApplicant(me), { statuses: query.status, cursor: query.cursor, limit: query.limit });
        return toPage(rows, query.limit, newestCursor, presentRow);
      });
    },

    /** Applications to one of the account's listings, newest first, optionally by status. */
    async listForListing(ctx: RequestContext, ref: { listingId: string; accountId?: string }, input: ApplicationListInput) {
      const query = parseInput(applicationListSchema, input);
      const tenantId = tenantOf(ctx);
      return withTenant(db, ctx, async (tx) => {
        const listing = await findListing(tx, tenantId, ref.listingId);
        if (!listing || (ref.accountId !== undefined && ref.accountId !== listing.accountId)) throw listingNotFound();
        requireInAccount(ctx, 'account.applications.read', listing.accountId, seesAccountListings(ctx, listing.accountId), listingNotFound);
        const rows = await listApplications(tx, tenantId, byListing(listing.id), { statuses: query.status, cursor: query.cursor, limit: query.limit });
        return toPage(rows, query.limit, newestCursor, presentRow);
      });
    },
  };
}

export type ApplicationService = ReturnType<typeof createApplicationService>;
