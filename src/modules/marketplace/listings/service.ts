import { sql } from 'drizzle-orm';
import type { RequestContext } from '../../../core/context';
import { AppError, validationFailed } from '../../../core/errors';
import { toPage } from '../../../core/pagination';
import type { Database } from '../../../db/client';
import { type Tx, withTenant } from '../../../db/tenant-context';
import { accountNotFound, actorId, listingNotFound, refuse, requireInAccount, seesAccountListings, tenantOf } from '../shared/access';
import { newestCursor } from '../shared/keyset';
import {
  assertListingEditable,
  effectiveLimit,
  effectiveListingStatus,
  FEATURED_LISTINGS,
  hasFeature,
  type ListingRole,
  nextListingStatus,
  priceErrors,
} from '../shared/policy';
import { type ListingRow, presentDashboardListing, presentListing, presentOwnListing } from '../shared/presenters';
import {
  type DashboardQueryInput,
  dashboardQuerySchema,
  type ListingAction,
  type ListingCreate,
  type ListingCreateInput,
  type ListingSearchInput,
  type ListingUpdate,
  type ListingUpdateInput,
  listingActionSchema,
  listingCreateSchema,
  listingSearchSchema,
  listingUpdateSchema,
} from '../shared/schemas';
import { parseInput } from '../shared/validation';
import {
  type AccountPlan,
  accountListingsWithStats,
  countActiveListings,
  findListing,
  findPublicListing,
  insertListing,
  type ListingChanges,
  type ListingValues,
  lockAccountPlan,
  updateListing,
} from './repository';
import { searchListings } from './search';

/**
 * A listing addressed by id, optionally through an account (account-tier routes): a
 * listing of another account then answers 404 like a missing one.
 */
export interface ListingRef {
  listingId: string;
  accountId?: string;
}

const timeFields = new Set(['startDate', 'endDate', 'expiresAt']);

/** The columns an input sets (times as Dates); `undefined` (not given) leaves a column alone. */
function columnsOf(input: ListingCreate | ListingUpdate): ListingChanges {
  const { featured: _featured, ...fields } = input;
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, timeFields.has(k) && typeof v === 'string' ? new Date(v) : v]),
  ) as ListingChanges;
}

function assertFutureExpiry(expiresAt: string | null | undefined): void {
  if (expiresAt && new Date(expiresAt).getTime() <= Date.now()) {
    throw validationFailed('The expiry must be in the future', [{ path: 'expiresAt', message: 'must be in the future' }]);
  }
}

function assertPrice(price: string | null, priceType: ListingRow['priceType']): void {
  const errors = priceErrors(price, priceType);
  if (errors.length) throw validationFailed('A price is missing', errors);
}

function assertMayFeature(plan: AccountPlan): void {
  if (!hasFeature(plan.planFeatures, plan.features, FEATURED_LISTINGS)) {
    throw new AppError('FEATURE_NOT_IN_PLAN', 'Featured listings are not part of this account’s plan');
  }
}

export function createListingService(deps: { db: Database }) {
  const { db } = deps;

  /** The listing for a management action, with the caller's role on it, or 404/403. */
  async function managedListing(tx: Tx, ctx: RequestContext, ref: ListingRef, permission: string): Promise<ListingRow> {
    const listing = await findListing(tx, tenantOf(ctx), ref.listingId, true);
    if (!listing || (ref.accountId !== undefined && ref.accountId !== listing.accountId)) throw listingNotFound();
    requireInAccount(ctx, permission, listing.accountId, seesAccountListings(ctx, listing.accountId), listingNotFound);
    return listing;
  }

  /**
   * Publishing and resuming take a slot of the account's maxActiveListings. The
   * account row is locked first, so parallel publishes of one account queue here and
   * each counts the ones committed before it: never more than the limit.
   */
  async function takeActiveSlot(tx: Tx, tenantId: string, listing: ListingRow): Promise<void> {
    if (listing.expiresAt && listing.expiresAt.getTime() <= Date.now()) {
      throw new AppError('LISTING_EXPIRY_PASSED', 'The listing’s expiry has passed; set a later expiresAt first');
    }
    const plan = await lockAccountPlan(tx, tenantId, listing.accountId);
    if (!plan) throw accountNotFound();
    if (plan.status !== 'ACTIVE') throw new AppError('ACCOUNT_NOT_ACTIVE', `The account is ${plan.status}; only active accounts can publish`);
    const limit = effectiveLimit(plan.planLimits, plan.limits, 'maxActiveListings');
    if (limit === null) return;
    const active = await countActiveListings(tx, tenantId, listing.accountId);
    if (active >= limit) {
      throw new AppError('LISTING_LIMIT_REACHED', `The account already has ${active} active listings, its limit is ${limit}`, { extra: { limit, active } });
    }
  }

  return {
    /** A new DRAFT listing of the account, created by the caller. */
    async create(ctx: RequestContext, accountId: string, input: ListingCreateInput) {
      const data = parseInput(listingCreateSchema, input);
      const userId = actorId(ctx);
      const tenantId = tenantOf(ctx);
      requireInAccount(ctx, 'account.listings.create', accountId, seesAccountListings(ctx, accountId), accountNotFound);
      assertPrice(data.price ?? null, data.priceType);
      assertFutureExpiry(data.expiresAt);
      return withTenant(db, ctx, async (tx) => {
        if (data.featured) {
          const plan = await lockAccountPlan(tx, tenantId, accountId);
          if (!plan) throw accountNotFound();
          assertMayFeature(plan);
        }
        const row = await insertListing(tx, {
          ...columnsOf(data),
          tenantId,
          accountId,
          userId,
          type: data.type,
          title: data.title,
          description: data.description,
          priceType: data.priceType,
          featuredAt: data.featured ? sql`now()` : null,
        } as ListingValues);
        return presentOwnListing(row);
      });
    },

    /** Changes the content of a DRAFT, ACTIVE or PAUSED listing. */
    async update(ctx: RequestContext, ref: ListingRef, input: ListingUpdateInput) {
      const data = parseInput(listingUpdateSchema, input);
      const tenantId = tenantOf(ctx);
      assertFutureExpiry(data.expiresAt);
      return withTenant(db, ctx, async (tx) => {
        const listing = await managedListing(tx, ctx, ref, 'account.listings.update');
        assertListingEditable(effectiveListingStatus(listing, new Date()));
        assertPrice(data.price === undefined ? listing.price : data.price, data.priceType ?? listing.priceType);
        const values = columnsOf(data);
        if (data.featured === true && listing.featuredAt === null) {
          const plan = await lockAccountPlan(tx, tenantId, listing.accountId);
          if (!plan) throw accountNotFound();
          assertMayFeature(plan);
          values.featuredAt = sql`now()`;
        } else if (data.featured === false) {
          values.featuredAt = null;
        }
        return presentOwnListing(await updateListing(tx, tenantId, listing.id, values));
      });
    },

    /**
     * Moves the listing through its lifecycle. The account (account.listings.update)
     * may do everything its state allows; a tenant moderator (tenant.listings.update)
     * may pause and cancel.
     */
    async transition(ctx: RequestContext, ref: ListingRef, input: { action: ListingAction }) {
      const { action } = parseInput(listingActionSchema, input);
      const tenantId = tenantOf(ctx);
      return withTenant(db, ctx, async (tx) => {
        const listing = await findListing(tx, tenantId, ref.listingId, true);
        if (!listing || (ref.accountId !== undefined && ref.accountId !== listing.accountId)) throw listingNotFound();
        const role: ListingRole | null = ctx.permissions.can('account.listings.update', listing.accountId)
          ? 'owner'
          : ctx.permissions.can('tenant.listings.update')
            ? 'moderator'
            : null;
        if (!role) throw refuse(seesAccountListings(ctx, listing.accountId), listingNotFound());
        const to = nextListingStatus(effectiveListingStatus(listing, new Date()), action, role);
        if (to === 'ACTIVE') await takeActiveSlot(tx, tenantId, listing);
        return presentOwnListing(await updateListing(tx, tenantId, listing.id, { status: to }));
      });
    },

    /** Soft-deletes the listing: gone from every list and lookup, its applications stay. */
    async remove(ctx: RequestContext, ref: ListingRef): Promise<void> {
      const tenantId = tenantOf(ctx);
      await withTenant(db, ctx, async (tx) => {
        const listing = await managedListing(tx, ctx, ref, 'account.listings.delete');
        await updateListing(tx, tenantId, listing.id, { deletedAt: sql`now()` });
      });
    },

    /** Any state, for the listing's account and the tenant's moderators. */
    async get(ctx: RequestContext, ref: ListingRef) {
      return withTenant(db, ctx, async (tx) => {
        const listing = await findListing(tx, tenantOf(ctx), ref.listingId);
        if (!listing || (ref.accountId !== undefined && ref.accountId !== listing.accountId) || !seesAccountListings(ctx, listing.accountId)) {
          throw listingNotFound();
        }
        return presentOwnListing(listing);
      });
    },

    /** An active, unexpired listing, for anyone. */
    async getPublic(ctx: RequestContext, listingId: string) {
      return withTenant(db, ctx, async (tx) => {
        const listing = await findPublicListing(tx, tenantOf(ctx), listingId);
        if (!listing) throw listingNotFound();
        return presentListing(listing);
      });
    },

    /** Public browse and full-text search over the tenant's active listings. */
    async search(ctx: RequestContext, input: ListingSearchInput) {
      const query = parseInput(listingSearchSchema, input);
      return withTenant(db, ctx, (tx) => searchListings(tx, tenantOf(ctx), query));
    },

    /** The account's listings in every state with their application statistics, newest first. */
    async dashboard(ctx: RequestContext, accountId: string, input: DashboardQueryInput) {
      const query = parseInput(dashboardQuerySchema, input);
      if (!seesAccountListings(ctx, accountId)) throw accountNotFound();
      return withTenant(db, ctx, async (tx) => {
        const rows = await accountListingsWithStats(tx, tenantOf(ctx), accountId, { statuses: query.status, cursor: query.cursor, limit: query.limit });
        return toPage(rows, query.limit, newestCursor, presentDashboardListing);
      });
    },
  };
}

export type ListingService = ReturnType<typeof createListingService>;
