import type { z } from 'zod';
import { type RequestContext, requireActor } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { toPage } from '../../../core/pagination';
import { parseInput } from '../../../core/validation';
import { idCursor } from '../../../db/keyset';
import { withTenant } from '../../../db/tenant-context';
import { findPublicListing } from '../listings/repository';
import { listingNotFound } from '../shared/access';
import type { MarketplaceDeps } from '../shared/deps';
import { presentListing, presentListingImage } from '../shared/presenters';
import { pageQuerySchema } from '../shared/schemas';
import { deleteFavourite, favouriteListings, type ListedListing, upsertFavourite } from './repository';

export type PageInput = z.input<typeof pageQuerySchema>;

/** Saves a listing the public sees as one of my favourites (again: no change). */
export async function addFavourite(deps: MarketplaceDeps, ctx: RequestContext, listingId: string) {
  const { userId } = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    if (!(await findPublicListing(tx, listingId))) throw listingNotFound();
    const favourite = await upsertFavourite(tx, userId, listingId);
    return { listingId: favourite.listingId, favouritedAt: favourite.createdAt.toISOString() };
  });
}

/** Forgets a favourite; one I do not have is 404 FAVOURITE_NOT_FOUND. */
export async function removeFavourite(deps: MarketplaceDeps, ctx: RequestContext, listingId: string): Promise<void> {
  const { userId } = requireActor(ctx);
  await withTenant(deps.db, ctx, async (tx) => {
    if (!(await deleteFavourite(tx, userId, listingId))) throw new AppError('FAVOURITE_NOT_FOUND');
  });
}

/** A page of listings with the time they joined a list, their cover images included (read with them). */
export function listingPage(rows: ListedListing[], limit: number, at: 'favouritedAt' | 'matchedAt') {
  return toPage(
    rows,
    limit,
    (r) => idCursor(r.pageId),
    (r) =>
      ({ [at]: r.at.toISOString(), listing: { ...presentListing(r), coverImage: r.cover ? presentListingImage(r.cover) : null } }) as {
        listing: ReturnType<typeof presentListing>;
      } & Record<typeof at, string>,
  );
}

/** My favourites whose listings are public now, newest first (a paused listing comes back when it is resumed). */
export async function listFavourites(deps: MarketplaceDeps, ctx: RequestContext, input: PageInput) {
  const { userId } = requireActor(ctx);
  const page = parseInput(pageQuerySchema, input);
  return withTenant(deps.db, ctx, async (tx) => listingPage(await favouriteListings(tx, userId, page), page.limit, 'favouritedAt'));
}
