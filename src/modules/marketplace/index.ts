/**
 * The marketplace: listings (lifecycle, account limits, public search), applications
 * (one per person and listing, reviewed by the listing's account) and the conversation
 * on each application. Other modules and the HTTP layer import from here only.
 */
import { createApplicationService } from './applications/service';
import { createListingService } from './listings/service';
import { createMessageService } from './messages/service';
import type { MarketplaceDeps } from './shared/deps';

export { type ApplicationService, createApplicationService } from './applications/service';
export { blockRoutes } from './blocks/routes';
export { listingFieldsOfTenant, publicListingFields, replaceListingFields } from './fields/fields';
export { listingFieldRoutes } from './fields/routes';
export { expireDueListings, tenantsWithDueListings } from './listings/repository';
export { createListingService, type ListingRef, type ListingService } from './listings/service';
export { type ConversationFeed, conversationFeed } from './messages/live-feed';
export { createMessageService, type MessageService } from './messages/service';
export { reportRoutes } from './reports/routes';
export { marketplaceRoutes } from './routes';
export { matchSavedSearches } from './saved/match-job';
export { savedRoutes } from './saved/routes';
export { createSavedService, type SavedService } from './saved/service';
export type { MarketplaceDeps } from './shared/deps';
export { applicationTransitions, effectiveListingStatus, listingTransitions } from './shared/policy';
export * from './shared/presenters';
export * from './shared/schemas';

/** All three services over one set of deps. */
export function createMarketplace(deps: MarketplaceDeps) {
  return {
    listings: createListingService(deps),
    applications: createApplicationService(deps),
    messages: createMessageService(deps),
  };
}

export type Marketplace = ReturnType<typeof createMarketplace>;
