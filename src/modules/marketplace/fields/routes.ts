import { bindUseCases } from '../../../core/use-case';
import type { RouteModule } from '../../../http/kit/types';
import { listingFieldsOfTenant, publicListingFields, replaceListingFields } from './fields';
import { listingFieldsBody, listingFieldsResponse } from './schemas';

const tags = ['Listing fields'];

/** The tenant's listing fields: administrators define them, everyone reads the public ones. */
export const listingFieldRoutes: RouteModule = (app, deps) => {
  const fields = bindUseCases({ db: deps.db }, { all: listingFieldsOfTenant, public: publicListingFields, replace: replaceListingFields });

  app.get(
    '/api/v1/public/listing-fields',
    {
      config: { permission: 'public.listings.read' },
      schema: {
        tags,
        summary: 'The public listing fields: what listings show and searches filter on',
        description:
          'Search filters: `field.<key>=a,b` (enum, multi_enum: any of), `field.<key>=true` (boolean), ' +
          '`field.<key>=10..20`, `10..`, `..20` (number; date as YYYY-MM-DD..YYYY-MM-DD). Facets: `facets=field.<key>` for enum and multi_enum fields.',
        response: { 200: listingFieldsResponse },
      },
    },
    async (request) => fields.public(request.ctx),
  );

  app.get(
    '/api/v1/tenant/listing-fields',
    {
      config: { permission: 'tenant.settings.read' },
      schema: { tags, summary: 'Every listing field of the marketplace, public and private, in display order', response: { 200: listingFieldsResponse } },
    },
    async (request) => fields.all(request.ctx),
  );

  app.put(
    '/api/v1/tenant/listing-fields',
    {
      config: { permission: 'tenant.settings.update' },
      schema: {
        tags,
        summary: 'Define the listing fields (replaces the whole set)',
        description:
          'Typed fields per listing type: text, number, enum and multi_enum (with `options`), boolean, date (YYYY-MM-DD); `required`; `public` ' +
          '(false: only the listing’s account and moderators see the value, and it cannot be searched). Keys are unique; the order is the display order. ' +
          'Listings are checked against the fields on create and edit (422 INVALID_LISTING_FIELDS naming customFields.<key>). Existing values stay; ' +
          'a field made private (or public) moves its values at once; values that no longer fit (a removed field, another kind, a removed option ' +
          'or listing type) are dropped from every listing at once, in the same transaction.',
        body: listingFieldsBody,
        response: { 200: listingFieldsResponse },
      },
    },
    async (request) => fields.replace(request.ctx, request.body),
  );
};
