import { bindUseCases } from '../../../core/use-case';
import type { MarketplaceDeps } from '../shared/deps';
import { applyToListing } from './apply-to-listing';
import { getApplication, listListingApplications, listMyApplications, listTenantApplications } from './read-applications';
import { reviewApplication, withdrawApplication } from './review-application';

/** The application use cases over one set of deps (routes, tests). */
export function createApplicationService(deps: MarketplaceDeps) {
  return bindUseCases(deps, {
    apply: applyToListing,
    withdraw: withdrawApplication,
    review: reviewApplication,
    get: getApplication,
    listMine: listMyApplications,
    listForListing: listListingApplications,
    listForTenant: listTenantApplications,
  });
}

export type ApplicationService = ReturnType<typeof createApplicationService>;
