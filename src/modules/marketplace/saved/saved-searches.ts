import { type RequestContext, requireActor } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { toPage } from '../../../core/pagination';
import { parseInput } from '../../../core/validation';
import { idCursor } from '../../../db/keyset';
import { withTenant } from '../../../db/tenant-context';
import type { MarketplaceDeps } from '../shared/deps';
import { pageQuerySchema } from '../shared/schemas';
import { listingPage, type PageInput } from './favourites';
import {
  countSavedSearches,
  deleteSavedSearch,
  findSavedSearch,
  insertSavedSearch,
  listSavedSearches,
  lockUser,
  type SavedSearchRow,
  savedSearchMatchListings,
} from './repository';
import { MAX_SAVED_SEARCHES, type SavedSearchCreateInput, savedSearchCreateSchema } from './schemas';

const notFound = () => new AppError('SAVED_SEARCH_NOT_FOUND');

function presentSavedSearch(row: SavedSearchRow) {
  return { id: row.id, name: row.name, query: row.query, checkedThrough: row.checkedThrough.toISOString(), createdAt: row.createdAt.toISOString() };
}

/**
 * Saves a search (its query checked by the public search's schema), at most
 * MAX_SAVED_SEARCHES per person: counted and inserted under the person's row lock, so
 * parallel saves cannot overshoot (409 SAVED_SEARCH_LIMIT_REACHED). New matches are
 * those published from now on.
 */
export async function createSavedSearch(deps: MarketplaceDeps, ctx: RequestContext, input: SavedSearchCreateInput) {
  const { userId } = requireActor(ctx);
  const data = parseInput(savedSearchCreateSchema, input);
  return withTenant(deps.db, ctx, async (tx) => {
    await lockUser(tx, userId);
    const saved = await countSavedSearches(tx, userId);
    if (saved >= MAX_SAVED_SEARCHES) {
      throw new AppError('SAVED_SEARCH_LIMIT_REACHED', `You have ${saved} saved searches, the most you may keep`, { extra: { limit: MAX_SAVED_SEARCHES } });
    }
    return presentSavedSearch(await insertSavedSearch(tx, { userId, name: data.name, query: data.query }));
  });
}

/** My saved searches, newest first. */
export async function listMySavedSearches(deps: MarketplaceDeps, ctx: RequestContext, input: PageInput) {
  const { userId } = requireActor(ctx);
  const page = parseInput(pageQuerySchema, input);
  return withTenant(deps.db, ctx, async (tx) => toPage(await listSavedSearches(tx, userId, page), page.limit, (r) => idCursor(r.id), presentSavedSearch));
}

/** Deletes one of my saved searches with its matches; someone else's is 404. */
export async function removeSavedSearch(deps: MarketplaceDeps, ctx: RequestContext, id: string): Promise<void> {
  const { userId } = requireActor(ctx);
  await withTenant(deps.db, ctx, async (tx) => {
    if (!(await deleteSavedSearch(tx, userId, id))) throw notFound();
  });
}

/** The new matches the job recorded for one of my saved searches, newest first, while their listings are public. */
export async function savedSearchMatches(deps: MarketplaceDeps, ctx: RequestContext, id: string, input: PageInput) {
  const { userId } = requireActor(ctx);
  const page = parseInput(pageQuerySchema, input);
  return withTenant(deps.db, ctx, async (tx) => {
    if (!(await findSavedSearch(tx, userId, id))) throw notFound();
    return listingPage(await savedSearchMatchListings(tx, id, page), page.limit, 'matchedAt');
  });
}
