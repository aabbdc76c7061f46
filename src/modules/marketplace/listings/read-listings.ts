import type { RequestContext } from '../../../core/context';
import { toPage } from '../../../core/pagination';
import { parseInput } from '../../../core/validation';
import { type TenantTx, withTenant } from '../../../db/tenant-context';
import { readListingBooking } from '../../booking';
import { accountNotFound, listingNotFound, seesAccountListings } from '../shared/access';
import type { MarketplaceDeps } from '../shared/deps';
import { newestCursor } from '../shared/keyset';
import { presentDashboardListing, presentListing, presentOwnListing } from '../shared/presenters';
import {
  type DashboardQueryInput,
  dashboardQuerySchema,
  type ListingSearchInput,
  listingSearchSchema,
  type ModerationListQueryInput,
  moderationListQuerySchema,
} from '../shared/schemas';
import { type ListingRef, listingAt } from './access';
import { coverImages, listingGallery } from './images';
import { accountListingsWithStats, findPublicListing, isApplicant } from './repository';
import { searchListings, sortOf } from './search-repository';

/** The gallery of a single-listing read and its cover. */
async function gallery(tx: TenantTx, listingId: string) {
  const images = await listingGallery(tx, listingId);
  return { images, coverImage: images[0] ?? null };
}

/** Any state, for the listing's account and the tenant's moderators. */
export async function getListing(deps: MarketplaceDeps, ctx: RequestContext, ref: ListingRef) {
  return withTenant(deps.db, ctx, async (tx) => {
    const listing = await listingAt(tx, ref);
    if (!listing || !seesAccountListings(ctx, listing.accountId)) throw listingNotFound();
    return { ...presentOwnListing(listing), booking: await readListingBooking(tx, listing.id), ...(await gallery(tx, listing.id)) };
  });
}

/**
 * An active, unexpired listing of an account that is not suspended, for anyone; its
 * exact location only for participants (the account's people, its applicants).
 */
export async function getPublicListing(deps: MarketplaceDeps, ctx: RequestContext, listingId: string) {
  return withTenant(deps.db, ctx, async (tx) => {
    const listing = await findPublicListing(tx, listingId);
    if (!listing) throw listingNotFound();
    const me = ctx.actor?.userId;
    const participant = seesAccountListings(ctx, listing.accountId) || (me !== undefined && (await isApplicant(tx, listing.id, me)));
    return {
      ...presentListing(listing, { exactLocation: participant }),
      booking: await readListingBooking(tx, listing.id),
      ...(await gallery(tx, listing.id)),
    };
  });
}

/**
 * Public browse and full-text search over the tenant's active listings (locations
 * approximate for everyone; a participant reads the listing for the exact one).
 */
export async function searchPublicListings(deps: MarketplaceDeps, ctx: RequestContext, input: ListingSearchInput) {
  const query = parseInput(listingSearchSchema, input);
  const sort = sortOf(query);
  return withTenant(deps.db, ctx, async (tx) => {
    const found = await searchListings(tx, query);
    const covers = await coverImages(
      tx,
      found.slice(0, query.limit).map((row) => row.id),
    );
    return toPage(
      found,
      query.limit,
      (row) => [sort, ...row.keys],
      (row) => ({ ...presentListing(row, { distanceKm: row.distanceKm }), coverImage: covers.get(row.id) ?? null }),
    );
  });
}

/** The account's listings in every state with their application statistics, newest first. */
export async function listingDashboard(deps: MarketplaceDeps, ctx: RequestContext, accountId: string, input: DashboardQueryInput) {
  const query = parseInput(dashboardQuerySchema, input);
  if (!seesAccountListings(ctx, accountId)) throw accountNotFound();
  return withTenant(deps.db, ctx, async (tx) => {
    const rows = await accountListingsWithStats(tx, accountId, { statuses: query.status, cursor: query.cursor, limit: query.limit });
    return toPage(rows, query.limit, newestCursor, presentDashboardListing);
  });
}

/** Every listing of the tenant in any state, with statistics, newest first: the moderators' list (tenant.listings.read). */
export async function moderationListings(deps: MarketplaceDeps, ctx: RequestContext, input: ModerationListQueryInput) {
  const query = parseInput(moderationListQuerySchema, input);
  return withTenant(deps.db, ctx, async (tx) => {
    const rows = await accountListingsWithStats(tx, query.accountId ?? null, {
      statuses: query.status,
      held: query.held,
      cursor: query.cursor,
      limit: query.limit,
    });
    return toPage(rows, query.limit, newestCursor, presentDashboardListing);
  });
}
