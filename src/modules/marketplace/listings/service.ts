import { bindUseCases } from '../../../core/use-case';
import type { MarketplaceDeps } from '../shared/deps';
import { createListing, deleteListing, editListing } from './edit-listing';
import { setListingImages } from './images';
import { getListing, getPublicListing, listingDashboard, moderationListings, searchPublicListings } from './read-listings';
import { transitionListing } from './transition-listing';

export type { ListingRef } from './access';

/** The listing use cases over one set of deps (routes, tests, benchmarks). */
export function createListingService(deps: MarketplaceDeps) {
  return bindUseCases(deps, {
    create: createListing,
    update: editListing,
    transition: transitionListing,
    remove: deleteListing,
    get: getListing,
    getPublic: getPublicListing,
    search: searchPublicListings,
    dashboard: listingDashboard,
    moderation: moderationListings,
    setImages: setListingImages,
  });
}

export type ListingService = ReturnType<typeof createListingService>;
