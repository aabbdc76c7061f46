import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { toPage } from '../../../core/pagination';
import { parseInput } from '../../../core/validation';
import { withTenant } from '../../../db/tenant-context';
import { findListing } from '../listings/repository';
import { actorId, applicationNotFound, listingNotFound, requireInAccount, seesAccountListings, type Via } from '../shared/access';
import type { MarketplaceDeps } from '../shared/deps';
import { newestCursor } from '../shared/keyset';
import { presentApplication } from '../shared/presenters';
import { type ApplicationListInput, applicationListSchema, type TenantApplicationListInput, tenantApplicationListSchema } from '../shared/schemas';
import { reachable, seesApplication } from './access';
import { type ApplicationWithListing, findApplication, listApplications } from './repository';

const presentRow = (row: ApplicationWithListing) => presentApplication(row.application, row.listing);

/** One application, for its applicant or the listing's account. */
export async function getApplication(deps: MarketplaceDeps, ctx: RequestContext, applicationId: string, via?: Via) {
  return withTenant(deps.db, ctx, async (tx) => {
    const found = await findApplication(tx, applicationId);
    if (!found || !reachable(ctx, found, via) || !seesApplication(ctx, found)) throw applicationNotFound();
    return presentRow(found);
  });
}

/** The caller's own applications, newest first. */
export async function listMyApplications(deps: MarketplaceDeps, ctx: RequestContext, input: ApplicationListInput) {
  const query = parseInput(applicationListSchema, input);
  const me = actorId(ctx);
  if (!ctx.permissions.can('user.applications.read')) throw new AppError('FORBIDDEN');
  return withTenant(deps.db, ctx, async (tx) => {
    const rows = await listApplications(tx, { applicantId: me }, { statuses: query.status, cursor: query.cursor, limit: query.limit });
    return toPage(rows, query.limit, newestCursor, presentRow);
  });
}

/** Applications to one of the account's listings, newest first, optionally by status. */
export async function listListingApplications(
  deps: MarketplaceDeps,
  ctx: RequestContext,
  ref: { listingId: string; accountId?: string },
  input: ApplicationListInput,
) {
  const query = parseInput(applicationListSchema, input);
  return withTenant(deps.db, ctx, async (tx) => {
    const listing = await findListing(tx, ref.listingId);
    if (!listing || (ref.accountId !== undefined && ref.accountId !== listing.accountId)) throw listingNotFound();
    requireInAccount(ctx, 'account.applications.read', listing.accountId, seesAccountListings(ctx, listing.accountId), listingNotFound);
    const rows = await listApplications(tx, { listingId: listing.id }, { statuses: query.status, cursor: query.cursor, limit: query.limit });
    return toPage(rows, query.limit, newestCursor, presentRow);
  });
}

/** Every application of the marketplace, newest first, optionally by status and account: the moderators' list. */
export async function listTenantApplications(deps: MarketplaceDeps, ctx: RequestContext, input: TenantApplicationListInput) {
  const query = parseInput(tenantApplicationListSchema, input);
  if (!ctx.permissions.can('tenant.applications.read')) throw new AppError('FORBIDDEN');
  return withTenant(deps.db, ctx, async (tx) => {
    const rows = await listApplications(
      tx,
      { tenantWide: true, accountId: query.accountId },
      { statuses: query.status, cursor: query.cursor, limit: query.limit },
    );
    return toPage(rows, query.limit, newestCursor, presentRow);
  });
}
