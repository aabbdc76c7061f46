import { and, asc, eq, inArray, isNull, type Placeholder, sql } from 'drizzle-orm';
import { preparedSelect } from '../../../db/prepared';
import { mediaFiles } from '../../../db/schema/content';
import { listingImages, listings } from '../../../db/schema/marketplace';
import type { TenantTx } from '../../../db/tenant-context';

/** A gallery image with what a page needs to show it. */
export interface GalleryImageRow {
  listingId: string;
  mediaId: string;
  position: number;
  alt: string | null;
  metadata: Record<string, unknown> | null;
}

/** A file named for a gallery, as the checks need it. */
export interface GalleryCandidate {
  id: string;
  accountId: string | null;
  mimetype: string;
  contentHash: string | null;
}

/**
 * The live files among `ids`, locked like the usage count's update locks them (no key
 * update, in id order): none can be trashed or deleted between the check and the
 * commit, and two galleries taking the same files queue instead of deadlocking.
 */
export async function lockGalleryCandidates(tx: TenantTx, ids: readonly string[]): Promise<GalleryCandidate[]> {
  if (ids.length === 0) return [];
  return tx
    .select({ id: mediaFiles.id, accountId: mediaFiles.accountId, mimetype: mediaFiles.mimetype, contentHash: mediaFiles.contentHash })
    .from(mediaFiles)
    .where(and(eq(mediaFiles.tenantId, tx.tenantId), inArray(mediaFiles.id, [...ids]), isNull(mediaFiles.deletedAt)))
    .orderBy(asc(mediaFiles.id))
    .for('no key update');
}

/** Replaces the listing's gallery with `mediaIds` in this order (the database checks each file again). */
export async function replaceGallery(tx: TenantTx, listingId: string, mediaIds: readonly string[]): Promise<void> {
  await tx.delete(listingImages).where(and(eq(listingImages.tenantId, tx.tenantId), eq(listingImages.listingId, listingId)));
  if (mediaIds.length === 0) return;
  await tx.insert(listingImages).values(mediaIds.map((mediaId, position) => ({ tenantId: tx.tenantId, listingId, mediaId, position })));
}

const imageColumns = {
  listingId: listingImages.listingId,
  mediaId: listingImages.mediaId,
  position: listingImages.position,
  alt: mediaFiles.alt,
  metadata: mediaFiles.metadata,
};

// Read with every listing page: built once (db/prepared.ts).
const gallery = preparedSelect((tx, param: (name: 'listingId') => Placeholder) =>
  tx
    .select(imageColumns)
    .from(listingImages)
    .innerJoin(mediaFiles, and(eq(mediaFiles.tenantId, listingImages.tenantId), eq(mediaFiles.id, listingImages.mediaId)))
    .where(and(eq(listingImages.tenantId, tx.tenantId), eq(listingImages.listingId, param('listingId'))))
    .orderBy(asc(listingImages.position)),
);

/** The listing's gallery, in order. */
export function galleryOf(tx: TenantTx, listingId: string): Promise<GalleryImageRow[]> {
  return gallery(tx, { listingId });
}

/**
 * A column for a select over `listings`: the listing's cover (its first image) as a
 * gallery row, or null. A page of search results carries its covers this way, in the
 * search's own statement (evaluated for the page's rows only, after the sort and limit), and
 * so do the pages of favourites and saved-search matches.
 * `${listings}.id`, qualified: a select from `listings` alone names its columns bare.
 */
export const coverOfListing = (tx: TenantTx) =>
  sql<GalleryImageRow | null>`(select json_build_object('listingId', li.listing_id, 'mediaId', li.media_id, 'position', li.position, 'alt', m.alt, 'metadata', m.metadata)
     from ${listingImages} li join ${mediaFiles} m on m.tenant_id = li.tenant_id and m.id = li.media_id
    where li.tenant_id = ${tx.tenantId} and li.listing_id = ${listings}.id and li.position = 0)`;
