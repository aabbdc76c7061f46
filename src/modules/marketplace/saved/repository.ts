import { and, asc, count, desc, eq, gt, sql } from 'drizzle-orm';
import { beforeIdCursor } from '../../../db/keyset';
import { favourites, listings, savedSearches, savedSearchMatches } from '../../../db/schema/marketplace';
import { users } from '../../../db/schema/tenancy';
import type { TenantTx, Tx } from '../../../db/tenant-context';
import { coverOfListing, type GalleryImageRow } from '../listings/images-repository';
import { listingColumns, publiclyVisible } from '../listings/repository';
import type { ListingRow } from '../shared/repository';

export type SavedSearchRow = typeof savedSearches.$inferSelect;

/** A listing on a person's list (favourites, a saved search's matches): when it joined, and its cover image. */
export type ListedListing = ListingRow & { pageId: string; at: Date; cover: GalleryImageRow | null };

/** The person's favourite of a listing: created, or the one they had (PUT is idempotent). */
export async function upsertFavourite(tx: TenantTx, userId: string, listingId: string): Promise<{ listingId: string; createdAt: Date }> {
  const [created] = await tx
    .insert(favourites)
    .values({ tenantId: tx.tenantId, userId, listingId })
    .onConflictDoNothing()
    .returning({ listingId: favourites.listingId, createdAt: favourites.createdAt });
  if (created) return created;
  const [existing] = await tx
    .select({ listingId: favourites.listingId, createdAt: favourites.createdAt })
    .from(favourites)
    .where(and(eq(favourites.tenantId, tx.tenantId), eq(favourites.userId, userId), eq(favourites.listingId, listingId)));
  return existing!;
}

/** Forgets the favourite; false when there was none. */
export async function deleteFavourite(tx: TenantTx, userId: string, listingId: string): Promise<boolean> {
  const gone = await tx
    .delete(favourites)
    .where(and(eq(favourites.tenantId, tx.tenantId), eq(favourites.userId, userId), eq(favourites.listingId, listingId)))
    .returning({ id: favourites.id });
  return gone.length > 0;
}

/** The person's favourites whose listing the public sees, newest first (by the favourite's UUIDv7 id). */
export async function favouriteListings(tx: TenantTx, userId: string, page: { cursor?: string; limit: number }) {
  return (await tx
    .select({ ...listingColumns, pageId: favourites.id, at: favourites.createdAt, cover: coverOfListing(tx) })
    .from(favourites)
    .innerJoin(listings, and(eq(listings.tenantId, favourites.tenantId), eq(listings.id, favourites.listingId)))
    .where(and(eq(favourites.tenantId, tx.tenantId), eq(favourites.userId, userId), publiclyVisible(tx), beforeIdCursor(favourites.id, page.cursor)))
    .orderBy(desc(favourites.id))
    .limit(page.limit + 1)) as ListedListing[];
}

/** Locks the person's row: saved searches are counted and inserted under it, one writer at a time. */
export async function lockUser(tx: TenantTx, userId: string): Promise<void> {
  await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tx.tenantId), eq(users.id, userId)))
    .for('no key update');
}

export async function countSavedSearches(tx: TenantTx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(savedSearches)
    .where(and(eq(savedSearches.tenantId, tx.tenantId), eq(savedSearches.userId, userId)));
  return Number(row?.n ?? 0);
}

export async function insertSavedSearch(tx: TenantTx, values: { userId: string; name: string; query: Record<string, string> }): Promise<SavedSearchRow> {
  const [row] = await tx
    .insert(savedSearches)
    .values({ tenantId: tx.tenantId, ...values })
    .returning();
  return row!;
}

export async function listSavedSearches(tx: TenantTx, userId: string, page: { cursor?: string; limit: number }): Promise<SavedSearchRow[]> {
  return tx
    .select()
    .from(savedSearches)
    .where(and(eq(savedSearches.tenantId, tx.tenantId), eq(savedSearches.userId, userId), beforeIdCursor(savedSearches.id, page.cursor)))
    .orderBy(desc(savedSearches.id))
    .limit(page.limit + 1);
}

export async function findSavedSearch(tx: TenantTx, userId: string, id: string): Promise<SavedSearchRow | undefined> {
  const [row] = await tx
    .select()
    .from(savedSearches)
    .where(and(eq(savedSearches.tenantId, tx.tenantId), eq(savedSearches.userId, userId), eq(savedSearches.id, id)));
  return row;
}

/** Deletes the person's saved search (its matches go with it); false when there was none. */
export async function deleteSavedSearch(tx: TenantTx, userId: string, id: string): Promise<boolean> {
  const gone = await tx
    .delete(savedSearches)
    .where(and(eq(savedSearches.tenantId, tx.tenantId), eq(savedSearches.userId, userId), eq(savedSearches.id, id)))
    .returning({ id: savedSearches.id });
  return gone.length > 0;
}

/** A saved search's matches whose listing the public still sees, newest first. */
export async function savedSearchMatchListings(tx: TenantTx, savedSearchId: string, page: { cursor?: string; limit: number }) {
  return (await tx
    .select({ ...listingColumns, pageId: savedSearchMatches.id, at: savedSearchMatches.matchedAt, cover: coverOfListing(tx) })
    .from(savedSearchMatches)
    .innerJoin(listings, and(eq(listings.tenantId, savedSearchMatches.tenantId), eq(listings.id, savedSearchMatches.listingId)))
    .where(
      and(
        eq(savedSearchMatches.tenantId, tx.tenantId),
        eq(savedSearchMatches.savedSearchId, savedSearchId),
        publiclyVisible(tx),
        beforeIdCursor(savedSearchMatches.id, page.cursor),
      ),
    )
    .orderBy(desc(savedSearchMatches.id))
    .limit(page.limit + 1)) as ListedListing[];
}

// ── the job ─────────────────────────────────────────────────────────────────────

/** Every tenant that has saved searches (platform path). */
export async function tenantsWithSavedSearches(tx: Tx): Promise<string[]> {
  const found = await tx.selectDistinct({ tenantId: savedSearches.tenantId }).from(savedSearches);
  return found.map((r) => r.tenantId);
}

/** The tenant's saved searches after `afterId`, in id order, locked against a second runner. */
export async function savedSearchBatch(tx: TenantTx, afterId: string | null, limit: number): Promise<SavedSearchRow[]> {
  return tx
    .select()
    .from(savedSearches)
    .where(and(eq(savedSearches.tenantId, tx.tenantId), afterId ? gt(savedSearches.id, afterId) : undefined))
    .orderBy(asc(savedSearches.id))
    .limit(limit)
    .for('no key update', { skipLocked: true });
}

/** Records new matches (each listing once per search); how many were new. */
export async function recordMatches(tx: TenantTx, savedSearchId: string, listingIds: readonly string[]): Promise<number> {
  if (listingIds.length === 0) return 0;
  const added = await tx
    .insert(savedSearchMatches)
    .values(listingIds.map((listingId) => ({ tenantId: tx.tenantId, savedSearchId, listingId })))
    .onConflictDoNothing()
    .returning({ id: savedSearchMatches.id });
  return added.length;
}

/** The search has been looked at up to the transaction's start (now()). */
export async function markChecked(tx: TenantTx, id: string): Promise<void> {
  await tx
    .update(savedSearches)
    .set({ checkedThrough: sql`now()` })
    .where(and(eq(savedSearches.tenantId, tx.tenantId), eq(savedSearches.id, id)));
}
