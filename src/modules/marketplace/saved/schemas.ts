import { z } from 'zod';
import { listingResponse, listingSearchSchema } from '../shared/schemas';

/** Most saved searches a person keeps. */
export const MAX_SAVED_SEARCHES = 20;

/** Parameters of the public search that make no sense in a saved one (paging). */
const PAGING = ['limit', 'cursor'];

/**
 * A saved search's query: the public search's query parameters (GET /public/listings),
 * as strings, checked by that search's own schema — what is saved now runs later.
 */
export const savedQuerySchema = z
  .record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean()]))
  .transform((raw) => Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)])))
  .superRefine((query, ctx) => {
    for (const key of PAGING) if (key in query) ctx.addIssue({ code: 'custom', path: [key], message: 'paging is not part of a saved search' });
    const parsed = listingSearchSchema.safeParse(query);
    if (!parsed.success)
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path as (string | number)[], message: issue.message });
  })
  .describe('The query parameters of GET /public/listings (q, type, minPrice, currency, country, lat, lng, radiusKm, …), without limit and cursor');

export const savedSearchCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).describe('How the person calls it'),
    query: savedQuerySchema,
  })
  .meta({ id: 'SavedSearchInput' });
export type SavedSearchCreateInput = z.input<typeof savedSearchCreateSchema>;

export const savedSearchResponse = z
  .object({
    id: z.uuid(),
    name: z.string(),
    query: z.record(z.string(), z.string()),
    checkedThrough: z.iso.datetime({ offset: true }).describe('Listings published up to here have been looked at for new matches'),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'SavedSearch' });

export const favouriteResponse = z.object({ listingId: z.uuid(), favouritedAt: z.iso.datetime({ offset: true }) }).meta({ id: 'Favourite' });

export const favouriteListingResponse = z.object({ favouritedAt: z.iso.datetime({ offset: true }), listing: listingResponse }).meta({ id: 'FavouriteListing' });

export const savedSearchMatchResponse = z.object({ matchedAt: z.iso.datetime({ offset: true }), listing: listingResponse }).meta({ id: 'SavedSearchMatch' });
