import type { z } from 'zod';
import { formatMoney } from '../../../core/money';
import { approximateLocation, effectiveListingStatus, readRequirements } from './policy';
import type { ApplicationRow, ListingRow, ListingStatsRow, MessageRow } from './repository';
import type {
  ApplicationStatus,
  accountListingResponse,
  applicationResponse,
  dashboardListingResponse,
  ListingStatus,
  ListingType,
  listingImageResponse,
  listingResponse,
  messageResponse,
} from './schemas';

/**
 * Rows → API JSON: ISO 8601 strings for times, UUIDs for ids, money as an exact
 * decimal string. The shapes here are the API's contract.
 */

export type { ApplicationRow, ListingRow, ListingStatsRow, MessageRow };

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export { formatMoney };

export type ListingJson = z.output<typeof listingResponse>;

/**
 * What anyone may see of an active listing: its location only approximately, unless
 * `exactLocation` (the caller is a participant: the listing's account or an applicant).
 */
export function presentListing(row: ListingRow, extra: { distanceKm?: number | null; exactLocation?: boolean } = {}, now = new Date()): ListingJson {
  const json: ListingJson = {
    id: row.id,
    accountId: row.accountId,
    type: row.type,
    title: row.title,
    description: row.description,
    price: formatMoney(row.price),
    priceType: row.priceType,
    currency: row.currency,
    location: (extra.exactLocation ? (row.location ?? null) : approximateLocation(row.location ?? null)) as Record<string, unknown> | null,
    remote: row.remote,
    startDate: iso(row.startDate),
    endDate: iso(row.endDate),
    duration: row.duration,
    requirements: readRequirements(row.requirements),
    applicationCount: row.applicationCount,
    status: effectiveListingStatus(row, now),
    featured: row.featuredAt !== null,
    featuredAt: iso(row.featuredAt),
    expiresAt: iso(row.expiresAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    categoryId: row.categoryId ?? null,
    customFields: row.customFields ?? {},
  };
  if (typeof extra.distanceKm === 'number') json.distanceKm = Math.round(extra.distanceKm * 100) / 100;
  return json;
}

/** The account's own view: also who created it. */
export function presentOwnListing(row: ListingRow): z.output<typeof accountListingResponse> {
  // Added to the listing's JSON rather than spread into a copy of it: the hot reads present one per request.
  return Object.assign(presentListing(row, { exactLocation: true }), {
    createdBy: row.userId,
    approvalNote: row.approvalNote,
    privateFields: row.privateFields ?? {},
  });
}

/** A row of the owner's dashboard (listing_with_stats). */
export function presentDashboardListing(row: ListingStatsRow): z.output<typeof dashboardListingResponse> {
  return {
    ...presentOwnListing(row),
    stats: {
      totalApplications: Number(row.totalApplications),
      activeApplications: Number(row.activeApplications),
      pendingApplications: Number(row.pendingApplications),
      shortlistedApplications: Number(row.shortlistedApplications),
      acceptedApplications: Number(row.acceptedApplications),
      lastApplicationAt: iso(row.lastApplicationAt),
    },
  };
}

export interface ListingSummary {
  id: string;
  accountId: string;
  title: string;
  type: ListingType;
  status: ListingStatus;
  expiresAt: Date | null;
}

export function presentApplication(row: ApplicationRow, listing?: ListingSummary, now = new Date()): z.output<typeof applicationResponse> {
  return {
    id: row.id,
    listingId: row.listingId,
    applicantId: row.applicantId,
    coverLetter: row.coverLetter,
    answers: row.answers ?? {},
    attachments: row.attachments,
    status: row.status as ApplicationStatus,
    reviewedAt: iso(row.reviewedAt),
    reviewedBy: row.reviewedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(listing
      ? {
          listing: {
            id: listing.id,
            accountId: listing.accountId,
            title: listing.title,
            type: listing.type,
            status: effectiveListingStatus(listing, now),
          },
        }
      : {}),
  };
}
export type ApplicationJson = z.output<typeof applicationResponse>;

/** A deleted message stays in the conversation as a tombstone without its content. */
export function presentMessage(row: MessageRow): z.output<typeof messageResponse> {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    applicationId: row.applicationId,
    senderId: row.senderId,
    body: deleted ? null : row.body,
    attachments: deleted ? [] : row.attachments,
    editedAt: iso(row.editedAt),
    readAt: iso(row.readAt),
    deletedAt: iso(row.deletedAt),
    createdAt: row.createdAt.toISOString(),
  };
}
export type MessageJson = z.output<typeof messageResponse>;

/** A gallery image (listings/images-repository.ts) with the public addresses of its bytes and variants. */
export function presentListingImage(row: {
  mediaId: string;
  position: number;
  alt: string | null;
  metadata: Record<string, unknown> | null;
}): z.output<typeof listingImageResponse> {
  const size = (key: 'width' | 'height') => (typeof row.metadata?.[key] === 'number' ? (row.metadata[key] as number) : null);
  const url = `/api/v1/public/media/${row.mediaId}`;
  return {
    mediaId: row.mediaId,
    position: row.position,
    alt: row.alt,
    width: size('width'),
    height: size('height'),
    url,
    thumbnailUrl: `${url}/thumbnail`,
    cardUrl: `${url}/card`,
  };
}
export type ListingImageJson = z.output<typeof listingImageResponse>;
