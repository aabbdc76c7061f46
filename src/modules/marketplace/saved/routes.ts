import { z } from 'zod';
import { pageOf, uuid } from '../../../http/kit/schemas';
import type { RouteModule } from '../../../http/kit/types';
import { pageQuerySchema } from '../shared/schemas';
import { favouriteListingResponse, favouriteResponse, savedSearchCreateSchema, savedSearchMatchResponse, savedSearchResponse } from './schemas';
import { createSavedService } from './service';

const listingParams = z.strictObject({ listingId: uuid });
const savedSearchParams = z.strictObject({ savedSearchId: uuid });
const noContent = { 204: z.undefined() };
const tags = ['Favourites and saved searches'];

/** A person's favourites and saved searches (user tier). */
export const savedRoutes: RouteModule = (app, deps) => {
  const saved = createSavedService({ db: deps.db });

  app.put(
    '/api/v1/user/favourites/:listingId',
    {
      config: { permission: 'user.favourites.create', errors: ['LISTING_NOT_FOUND'] },
      schema: {
        tags,
        summary: 'Save a listing as a favourite (again: no change)',
        description: 'The listing must be public (ACTIVE, unexpired); otherwise 404.',
        params: listingParams,
        response: { 200: favouriteResponse },
      },
    },
    async (request) => saved.addFavourite(request.ctx, request.params.listingId),
  );

  app.delete(
    '/api/v1/user/favourites/:listingId',
    {
      config: { permission: 'user.favourites.delete' },
      schema: { tags, summary: 'Forget a favourite (one I do not have: no error)', params: listingParams, response: noContent },
    },
    async (request, reply) => {
      await saved.removeFavourite(request.ctx, request.params.listingId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/user/favourites',
    {
      config: { permission: 'user.favourites.read' },
      schema: {
        tags,
        summary: 'My favourite listings, newest first',
        description: 'Only listings the public sees now: a paused or closed one drops out (and comes back when resumed). Cursor-paginated.',
        querystring: pageQuerySchema,
        response: { 200: pageOf(favouriteListingResponse) },
      },
    },
    async (request) => saved.favourites(request.ctx, request.query),
  );

  app.post(
    '/api/v1/user/saved-searches',
    {
      config: { permission: 'user.searches.create', errors: ['SAVED_SEARCH_LIMIT_REACHED'] },
      schema: {
        tags,
        summary: 'Save a search',
        description:
          '`query` holds the query parameters of GET /public/listings, checked by that search (400 naming the parameter). At most 20 per person ' +
          '(409 SAVED_SEARCH_LIMIT_REACHED). Every few minutes the job saved-searches.match records the listings published since that match it: ' +
          'GET /user/saved-searches/{id}/matches.',
        body: savedSearchCreateSchema,
        response: { 201: savedSearchResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await saved.saveSearch(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/user/saved-searches',
    {
      config: { permission: 'user.searches.read' },
      schema: { tags, summary: 'My saved searches, newest first', querystring: pageQuerySchema, response: { 200: pageOf(savedSearchResponse) } },
    },
    async (request) => saved.savedSearches(request.ctx, request.query),
  );

  app.delete(
    '/api/v1/user/saved-searches/:savedSearchId',
    {
      config: { permission: 'user.searches.delete', errors: ['SAVED_SEARCH_NOT_FOUND'] },
      schema: { tags, summary: 'Delete a saved search and its matches', params: savedSearchParams, response: noContent },
    },
    async (request, reply) => {
      await saved.removeSearch(request.ctx, request.params.savedSearchId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/user/saved-searches/:savedSearchId/matches',
    {
      config: { permission: 'user.searches.read', errors: ['SAVED_SEARCH_NOT_FOUND'] },
      schema: {
        tags,
        summary: 'New listings that matched a saved search, newest first',
        description: 'Recorded by the job saved-searches.match; only listings the public still sees. Cursor-paginated.',
        params: savedSearchParams,
        querystring: pageQuerySchema,
        response: { 200: pageOf(savedSearchMatchResponse) },
      },
    },
    async (request) => saved.matches(request.ctx, request.params.savedSearchId, request.query),
  );
};
