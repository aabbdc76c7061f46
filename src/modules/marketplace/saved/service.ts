import { bindUseCases } from '../../../core/use-case';
import type { MarketplaceDeps } from '../shared/deps';
import { addFavourite, listFavourites, removeFavourite } from './favourites';
import { createSavedSearch, listMySavedSearches, removeSavedSearch, savedSearchMatches } from './saved-searches';

/** Favourites and saved searches over one set of deps (routes, tests). */
export function createSavedService(deps: MarketplaceDeps) {
  return bindUseCases(deps, {
    addFavourite,
    removeFavourite,
    favourites: listFavourites,
    saveSearch: createSavedSearch,
    savedSearches: listMySavedSearches,
    removeSearch: removeSavedSearch,
    matches: savedSearchMatches,
  });
}

export type SavedService = ReturnType<typeof createSavedService>;
