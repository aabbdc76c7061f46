/**
 * The marketplace: listings (lifecycle, account limits, public search), applications
 * (one per person and listing, reviewed by the listing's account) and the conversation
 * on each application. Other modules and the HTTP layer import from here only.
 */
import type { Database } from '../../db/client';
import { createApplicationService } from './applications/service';
import { createListingService } from './listings/service';
import { createMessageService } from './messages/service';

export { type ApplicationService, createApplicationService } from './applications/service';
export { expireDueListings } from './listings/repository';
export { createListingService, type ListingRef, type ListingService } from './listings/service';
export { createMessageService, type MessageService, type MessageServiceOptions } from './messages/service';
export { applicationTransitions, effectiveListingStatus, listingTransitions } from './shared/policy';
export * from './shared/presenters';
export * from './shared/schemas';

/** All three services over one database. */
export function createMarketplace(deps: { db: Database; messageEditWindowSeconds?: number }) {
  return {
    listings: createListingService(deps),
    applications: createApplicationService(deps),
    messages: createMessageService({ db: deps.db, editWindowSeconds: deps.messageEditWindowSeconds }),
  };
}
export type Marketplace = ReturnType<typeof createMarketplace>;
export { marketplaceRoutes } from './routes';
