import type { RequestContext } from '../../../core/context';
import { toPage } from '../../../core/pagination';
import { parseInput } from '../../../core/validation';
import { withTenant } from '../../../db/tenant-context';
import { readListingBooking } from '../../booking';
import { facetFieldKeys, fieldFiltersOf } from '../fields/fields';
import { fieldParams } from '../fields/policy';
import { readFieldDefs } from '../fields/repository';
import { accountNotFound, listingNotFound, seesAccountListings } from '../shared/access';
import type { MarketplaceDeps } from '../shared/deps';
import { newestCursor } from '../shared/keyset';
import { presentDashboardListing, presentListing, presentListingImage, presentOwnListing } from '../shared/presenters';
import {
  type DashboardQueryInput,
  dashboardQuerySchema,
  type ListingSearchInput,
  listingSearchSchema,
  type ModerationListQueryInput,
  moderationListQuerySchema,
} from '../shared/schemas';
import { type ListingRef, listingAt } from './access';
import { listingGallery } from './images';
import { accountListingsWithStats, findPublicListing, isApplicant } from './repository';
import { type FacetRow, searchFacets, searchListings, sortOf } from './search-repository';

/** Any state, for the listing's account and the tenant's moderators. */
export async function getListing(deps: MarketplaceDeps, ctx: RequestContext, ref: ListingRef) {
  // Every read at once: one round trip (booking and gallery are dropped when the listing is not the caller's).
  const [listing, booking, images] = await withTenant(
    deps.db,
    ctx,
    (tx) => Promise.all([listingAt(tx, ref), readListingBooking(tx, ref.listingId), listingGallery(tx, ref.listingId)]),
    { oneRoundTrip: true },
  );
  if (!listing || !seesAccountListings(ctx, listing.accountId)) throw listingNotFound();
  return Object.assign(presentOwnListing(listing), { booking, images, coverImage: images[0] ?? null });
}

/**
 * An active, unexpired listing of an account that is not suspended, for anyone; its
 * exact location only for participants (the account's people, its applicants).
 */
export async function getPublicListing(deps: MarketplaceDeps, ctx: RequestContext, listingId: string) {
  const me = ctx.actor?.userId;
  // Every read at once, one round trip: whether a signed-in reader applied is asked before
  // knowing whether it matters (it does not for the listing's own account).
  const [listing, booking, images, applied] = await withTenant(
    deps.db,
    ctx,
    (tx) =>
      Promise.all([
        findPublicListing(tx, listingId),
        readListingBooking(tx, listingId),
        listingGallery(tx, listingId),
        me === undefined ? false : isApplicant(tx, listingId, me),
      ]),
    { oneRoundTrip: true },
  );
  if (!listing) throw listingNotFound();
  const participant = seesAccountListings(ctx, listing.accountId) || applied;
  return Object.assign(presentListing(listing, { exactLocation: participant }), { booking, images, coverImage: images[0] ?? null });
}

/**
 * Public browse and full-text search over the tenant's active listings (locations
 * approximate for everyone; a participant reads the listing for the exact one).
 */
export async function searchPublicListings(deps: MarketplaceDeps, ctx: RequestContext, input: ListingSearchInput) {
  const query = parseInput(listingSearchSchema, input);
  const sort = sortOf(query);
  const params = fieldParams(query);
  const asked = query.facets;
  const fieldFacets = (asked ?? []).filter((f) => f.startsWith('field.'));
  // Without field filters or field facets the search needs nothing read first: its
  // statements (results with their covers, facets) then travel in one round trip.
  const needsFieldDefs = Object.keys(params).length > 0 || fieldFacets.length > 0;
  return withTenant(
    deps.db,
    ctx,
    async (tx) => {
      const defs = needsFieldDefs ? await readFieldDefs(tx) : [];
      const fields = fieldFiltersOf(defs, params);
      const [facetRows, found] = await Promise.all([
        asked
          ? searchFacets(tx, query, fields, {
              category: asked.includes('category'),
              type: asked.includes('type'),
              fieldKeys: facetFieldKeys(defs, fieldFacets),
            })
          : null,
        searchListings(tx, query, fields),
      ]);
      const page = toPage(
        found,
        query.limit,
        (row) => [sort, ...row.keys],
        (row) => ({ ...presentListing(row, { distanceKm: row.distanceKm }), coverImage: row.cover ? presentListingImage(row.cover) : null }),
      );
      // Estimated when the matches were more than the facets count one by one (FACET_SAMPLE).
      const estimated = facetRows?.some((r) => r.estimated) ? { facetsEstimated: true as const } : {};
      return { ...page, facets: facetRows ? presentFacets(asked!, facetRows) : undefined, ...estimated };
    },
    { oneRoundTrip: !needsFieldDefs },
  );
}

/** Facet rows by facet name, each asked facet present (an empty list when nothing matches). */
function presentFacets(asked: readonly string[], found: readonly FacetRow[]) {
  const facets: Record<string, { value: string; label?: string; count: number }[]> = Object.fromEntries(asked.map((f) => [f, []]));
  for (const row of found) facets[row.facet]?.push({ value: row.value, ...(row.label !== null ? { label: row.label } : {}), count: Number(row.count) });
  return facets;
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
