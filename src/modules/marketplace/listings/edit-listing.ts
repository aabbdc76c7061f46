import type { RequestContext } from '../../../core/context';
import { parseInput } from '../../../core/validation';
import { withTenant } from '../../../db/tenant-context';
import { emitEvent } from '../../events';
import { checkListingFields } from '../fields/fields';
import { accountNotFound, actorId, requireInAccount, seesAccountListings } from '../shared/access';
import type { MarketplaceDeps } from '../shared/deps';
import { assertListingEditable, effectiveListingStatus, isMaterialEdit } from '../shared/policy';
import { presentOwnListing } from '../shared/presenters';
import {
  type ListingCreate,
  type ListingCreateInput,
  type ListingUpdate,
  type ListingUpdateInput,
  listingCreateSchema,
  listingUpdateSchema,
} from '../shared/schemas';
import { assertFutureExpiry, assertPrice, type ListingRef, managedListing } from './access';
import { assertMayFeature } from './plan';
import { approvalRequired, insertListing, type ListingChanges, type ListingValues, softDeleteListing, updateListing } from './repository';

const timeFields = new Set(['startDate', 'endDate', 'expiresAt']);

/** The columns an input sets (times as Dates); `undefined` (not given) leaves a column alone. */
function columnsOf(input: ListingCreate | ListingUpdate): ListingChanges {
  const { featured: _featured, customFields: _values, ...fields } = input;
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, timeFields.has(k) && typeof v === 'string' ? new Date(v) : v]),
  ) as ListingChanges;
}

/** A new DRAFT listing of the account, created by the caller; `featured` needs the plan feature. */
export async function createListing(deps: MarketplaceDeps, ctx: RequestContext, accountId: string, input: ListingCreateInput) {
  const data = parseInput(listingCreateSchema, input);
  const userId = actorId(ctx);
  requireInAccount(ctx, 'account.listings.create', accountId, seesAccountListings(ctx, accountId), accountNotFound);
  assertPrice(data.price ?? null, data.priceType);
  assertFutureExpiry(data.expiresAt);
  return withTenant(deps.db, ctx, async (tx) => {
    if (data.featured) await assertMayFeature(tx, accountId);
    const fieldColumns = await checkListingFields(tx, {
      type: data.type,
      typeChanged: false,
      current: null,
      patch: data.customFields,
      categoryId: data.categoryId,
    });
    const values = {
      ...columnsOf(data),
      ...fieldColumns,
      accountId,
      userId,
      type: data.type,
      title: data.title,
      description: data.description,
      priceType: data.priceType,
    } as Omit<ListingValues, 'tenantId'>;
    const view = presentOwnListing(await insertListing(tx, values, data.featured));
    await emitEvent(tx, { type: 'listing.created', actorId: userId, resourceType: 'listing', resourceId: view.id, payload: view });
    return view;
  });
}

/** Changes the content of a DRAFT, ACTIVE or PAUSED listing. */
export async function editListing(deps: MarketplaceDeps, ctx: RequestContext, ref: ListingRef, input: ListingUpdateInput) {
  const data = parseInput(listingUpdateSchema, input);
  assertFutureExpiry(data.expiresAt);
  return withTenant(deps.db, ctx, async (tx) => {
    const listing = await managedListing(tx, ctx, ref, 'account.listings.update');
    assertListingEditable(effectiveListingStatus(listing, new Date()));
    assertPrice(data.price === undefined ? listing.price : data.price, data.priceType ?? listing.priceType);
    // Featuring again keeps the original featured_at (the "featured" sort's order).
    const feature = data.featured === true && listing.featuredAt === null ? true : data.featured === false ? false : undefined;
    if (feature) await assertMayFeature(tx, listing.accountId);
    // With listing approval, a material change of a live listing goes back to the moderators.
    const live = listing.status === 'ACTIVE' || listing.status === 'PAUSED';
    const resubmit = live && isMaterialEdit(data) && (await approvalRequired(tx));
    const fieldColumns = await checkListingFields(tx, {
      type: data.type ?? listing.type,
      typeChanged: data.type !== undefined && data.type !== listing.type,
      current: listing,
      patch: data.customFields,
      categoryId: data.categoryId,
    });
    const changes = { ...columnsOf(data), ...fieldColumns, ...(resubmit ? { status: 'PENDING_APPROVAL' as const } : {}) };
    const view = presentOwnListing(await updateListing(tx, listing.id, changes, feature));
    await emitEvent(tx, { type: 'listing.updated', actorId: ctx.actor?.userId ?? null, resourceType: 'listing', resourceId: listing.id, payload: view });
    return view;
  });
}

/** Soft-deletes the listing: gone from every list and lookup, its applications stay. */
export async function deleteListing(deps: MarketplaceDeps, ctx: RequestContext, ref: ListingRef): Promise<void> {
  await withTenant(deps.db, ctx, async (tx) => {
    const listing = await managedListing(tx, ctx, ref, 'account.listings.delete');
    await softDeleteListing(tx, listing.id);
  });
}
