import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { parseInput } from '../../../core/validation';
import { type TenantTx, withTenant } from '../../../db/tenant-context';
import type { MarketplaceDeps } from '../shared/deps';
import { assertListingEditable, effectiveListingStatus } from '../shared/policy';
import { type ListingImageJson, presentListingImage } from '../shared/presenters';
import { type ListingImagesInput, listingImagesSchema } from '../shared/schemas';
import { type ListingRef, managedListing } from './access';
import { type GalleryCandidate, galleryOf, lockGalleryCandidates, replaceGallery } from './images-repository';

/** Why a file cannot be in the account's gallery, or null when it can. */
function unfit(file: GalleryCandidate | undefined, accountId: string): string | null {
  if (!file || file.accountId !== accountId) return 'is not a file of the account’s media library';
  if (!file.mimetype.startsWith('image/')) return `is not an image (${file.mimetype})`;
  if (!file.contentHash) return 'is not ready (its bytes are not stored yet)';
  return null;
}

/**
 * Sets the listing's gallery: the given files in order, the first one the cover. Each
 * must be a live, ready image of the listing's account (422 INVALID_LISTING_IMAGES names
 * each one that is not, at `mediaIds.N`); the files are locked until the commit, so
 * none is trashed in between (the database checks every row again). A DRAFT, ACTIVE or
 * PAUSED listing only, like any edit.
 */
export async function setListingImages(deps: MarketplaceDeps, ctx: RequestContext, ref: ListingRef, input: ListingImagesInput) {
  const { mediaIds } = parseInput(listingImagesSchema, input);
  return withTenant(deps.db, ctx, async (tx) => {
    const listing = await managedListing(tx, ctx, ref, 'account.listings.update');
    assertListingEditable(effectiveListingStatus(listing, new Date()));
    const files = new Map((await lockGalleryCandidates(tx, mediaIds)).map((f) => [f.id, f]));
    const errors = mediaIds.flatMap((id, i) => {
      const why = unfit(files.get(id), listing.accountId);
      return why ? [{ path: `mediaIds.${i}`, message: `${id} ${why}` }] : [];
    });
    if (errors.length) throw new AppError('INVALID_LISTING_IMAGES', undefined, { errors });
    await replaceGallery(tx, listing.id, mediaIds);
    return { data: await listingGallery(tx, listing.id) };
  });
}

/** One listing's gallery, presented in order. */
export async function listingGallery(tx: TenantTx, listingId: string): Promise<ListingImageJson[]> {
  return (await galleryOf(tx, listingId)).map(presentListingImage);
}
