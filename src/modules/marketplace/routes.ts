import { z } from 'zod';
import { pageOf, uuid } from '../../http/kit/schemas';
import type { RouteModule } from '../../http/kit/types';
import { createMarketplace } from './index';
import { FACET_SAMPLE } from './listings/search-repository';

/** The facets' sample size as the API description writes it (2,000). */
const SAMPLE = FACET_SAMPLE.toLocaleString('en-US');

import {
  accountListingResponse,
  applicationCreateSchema,
  applicationListSchema,
  applicationResponse,
  applicationReviewSchema,
  dashboardListingResponse,
  dashboardQuerySchema,
  facetCountResponse,
  listingActionSchema,
  listingCreateSchema,
  listingDecisionSchema,
  listingImagesResponse,
  listingImagesSchema,
  listingResponse,
  listingSearchSchema,
  listingUpdateSchema,
  markReadResponse,
  markReadSchema,
  messageCreateSchema,
  messageEditSchema,
  messageResponse,
  moderationListQuerySchema,
  pageQuerySchema,
  tenantApplicationListSchema,
  unreadResponse,
} from './shared/schemas';

const listingParams = z.strictObject({ listingId: uuid });
const accountParams = z.strictObject({ accountId: uuid });
const accountListingParams = z.strictObject({ accountId: uuid, listingId: uuid });
const accountApplicationParams = z.strictObject({ accountId: uuid, applicationId: uuid });
const accountMessageParams = z.strictObject({ accountId: uuid, messageId: uuid });
const applicationParams = z.strictObject({ applicationId: uuid });
const messageParams = z.strictObject({ messageId: uuid });
const noContent = { 204: z.undefined() };

const LISTINGS = ['Listings'];
const APPLICATIONS = ['Applications'];
const MESSAGES = ['Messages'];

/**
 * The marketplace over HTTP: public browse and search; an account's listings,
 * dashboard, application review and conversations; a user's applications and
 * conversations; tenant moderation. Services do every record-level check.
 */
export const marketplaceRoutes: RouteModule = (app, deps) => {
  const { listings, applications, messages } = createMarketplace({ db: deps.db });

  // ── public ─────────────────────────────────────────────────────────────────────
  app.get(
    '/api/v1/public/listings',
    {
      config: { permission: 'public.listings.read' },
      schema: {
        tags: LISTINGS,
        summary: 'Browse and search active listings',
        description:
          'Full text (`q`, web-search syntax: words, "a phrase", -word, or) ranked by relevance among the 1000 newest matches; ' +
          'filters by type, price range (with `currency`), remote, country, distance (`lat`, `lng`, `radiusKm`), start date, publication date, account, featured, ' +
          '`category` (with its subcategories), and listing fields: `field.<key>=a,b` (enum, multi_enum: any of), `field.<key>=true` (boolean), ' +
          '`field.<key>=10..20` / `10..` / `..20` (number; dates as YYYY-MM-DD..YYYY-MM-DD) — the public fields are GET /public/listing-fields. ' +
          `\`facets=category,type,field.<key>\` adds counts of all matches by category (a category counts its subcategories), type and enum field options — exact up to ${SAMPLE} matches, estimated from a random sample of ${SAMPLE} above (\`facetsEstimated\`). ` +
          'Sorts: relevance (default with `q`), newest (default), price_asc / price_desc (need `currency`; listings without a price last), featured. ' +
          'Only ACTIVE listings that are neither expired nor deleted. Cursor-paginated.',
        querystring: listingSearchSchema,
        response: {
          200: pageOf(listingResponse).extend({
            facets: z
              .record(z.string(), z.array(facetCountResponse))
              .optional()
              .describe('With ?facets=: counts of all matches (every filter applied) by each facet asked, highest first'),
            facetsEstimated: z
              .literal(true)
              .optional()
              .describe(
                `Present when there were more than ${SAMPLE} matches: the facet counts are then estimated from a random sample of ${SAMPLE} of them (a value with a tenth of the matches within about 7 %)`,
              ),
          }),
        },
      },
    },
    async (request) => listings.search(request.ctx, request.query),
  );

  app.get(
    '/api/v1/public/listings/:listingId',
    {
      config: { permission: 'public.listings.read', errors: ['LISTING_NOT_FOUND'] },
      schema: { tags: LISTINGS, summary: 'An active listing', params: listingParams, response: { 200: listingResponse } },
    },
    async (request) => listings.getPublic(request.ctx, request.params.listingId),
  );

  // ── the account's listings ─────────────────────────────────────────────────────
  app.get(
    '/api/v1/account/:accountId/listings',
    {
      config: { permission: 'account.listings.read' },
      schema: {
        tags: LISTINGS,
        summary: 'The account’s listings in every state, with application statistics (dashboard)',
        params: accountParams,
        querystring: dashboardQuerySchema,
        response: { 200: pageOf(dashboardListingResponse) },
      },
    },
    async (request) => listings.dashboard(request.ctx, request.params.accountId, request.query),
  );

  app.post(
    '/api/v1/account/:accountId/listings',
    {
      config: { permission: 'account.listings.create', errors: ['FEATURE_NOT_IN_PLAN', 'FORBIDDEN', 'INVALID_LISTING_FIELDS', 'UNKNOWN_CATEGORY'] },
      schema: {
        tags: LISTINGS,
        summary: 'Create a listing (as a DRAFT)',
        description: 'Prices are decimal strings ("1500.00"); every price type but NEGOTIABLE needs one. `featured` needs the plan feature featured-listings.',
        params: accountParams,
        body: listingCreateSchema,
        response: { 201: accountListingResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await listings.create(request.ctx, request.params.accountId, request.body)),
  );

  app.get(
    '/api/v1/account/:accountId/listings/:listingId',
    {
      config: { permission: 'account.listings.read', errors: ['LISTING_NOT_FOUND'] },
      schema: {
        tags: LISTINGS,
        summary: 'One of the account’s listings, in any state',
        params: accountListingParams,
        response: { 200: accountListingResponse },
      },
    },
    async (request) => listings.get(request.ctx, request.params),
  );

  app.patch(
    '/api/v1/account/:accountId/listings/:listingId',
    {
      config: {
        permission: 'account.listings.update',
        errors: ['FEATURE_NOT_IN_PLAN', 'FORBIDDEN', 'ILLEGAL_TRANSITION', 'INVALID_LISTING_FIELDS', 'LISTING_NOT_FOUND', 'UNKNOWN_CATEGORY'],
      },
      schema: {
        tags: LISTINGS,
        summary: 'Change a DRAFT, ACTIVE or PAUSED listing (null clears a field)',
        params: accountListingParams,
        body: listingUpdateSchema,
        response: { 200: accountListingResponse },
      },
    },
    async (request) => listings.update(request.ctx, request.params, request.body),
  );

  app.put(
    '/api/v1/account/:accountId/listings/:listingId/images',
    {
      config: {
        permission: 'account.listings.update',
        errors: ['FORBIDDEN', 'ILLEGAL_TRANSITION', 'INVALID_LISTING_IMAGES', 'LISTING_NOT_FOUND', 'MEDIA_IN_TRASH'],
      },
      schema: {
        tags: LISTINGS,
        summary: 'Set the listing’s image gallery (ordered; the first is the cover)',
        description:
          'Ready images of the account’s media library (upload them with POST /account/{accountId}/media), at most 20, each once; [] empties the gallery. ' +
          'Anything else is 422 INVALID_LISTING_IMAGES naming each (mediaIds.N). While a gallery shows a file, the file can be neither trashed nor deleted ' +
          '(409 MEDIA_IN_USE); the images are public while the listing is. DRAFT, ACTIVE and PAUSED listings only.',
        params: accountListingParams,
        body: listingImagesSchema,
        response: { 200: listingImagesResponse },
      },
    },
    async (request) => listings.setImages(request.ctx, request.params, request.body),
  );

  app.post(
    '/api/v1/account/:accountId/listings/:listingId/transition',
    {
      config: {
        permission: 'account.listings.update',
        errors: [
          'ACCOUNT_NOT_ACTIVE',
          'FORBIDDEN',
          'ILLEGAL_TRANSITION',
          'LISTING_EXPIRY_PASSED',
          'LISTING_HELD',
          'LISTING_LIMIT_REACHED',
          'LISTING_NOT_FOUND',
        ],
      },
      schema: {
        tags: LISTINGS,
        summary: 'Move a listing through its lifecycle: publish, pause, resume, complete, cancel',
        description:
          'DRAFT → ACTIVE ⇄ PAUSED → COMPLETED / CANCELLED; ACTIVE → EXPIRED when expiresAt passes. A move the state does not allow is 409 ILLEGAL_TRANSITION ' +
          'naming the allowed ones. Publishing and resuming take a slot of the account’s maxActiveListings (409 LISTING_LIMIT_REACHED). ' +
          'A listing a moderator paused stays down until a moderator resumes it (409 LISTING_HELD).',
        params: accountListingParams,
        body: listingActionSchema,
        response: { 200: accountListingResponse },
      },
    },
    async (request) => listings.transition(request.ctx, request.params, request.body),
  );

  app.delete(
    '/api/v1/account/:accountId/listings/:listingId',
    {
      config: { permission: 'account.listings.delete', errors: ['FORBIDDEN', 'LISTING_NOT_FOUND'] },
      schema: { tags: LISTINGS, summary: 'Delete a listing (soft)', params: accountListingParams, response: noContent },
    },
    async (request, reply) => {
      await listings.remove(request.ctx, request.params);
      return reply.status(204).send();
    },
  );

  // ── the account's applications ─────────────────────────────────────────────────
  app.get(
    '/api/v1/account/:accountId/listings/:listingId/applications',
    {
      config: { permission: 'account.applications.read', errors: ['FORBIDDEN', 'LISTING_NOT_FOUND'] },
      schema: {
        tags: APPLICATIONS,
        summary: 'Applications to one of the account’s listings, newest first',
        params: accountListingParams,
        querystring: applicationListSchema,
        response: { 200: pageOf(applicationResponse) },
      },
    },
    async (request) => applications.listForListing(request.ctx, request.params, request.query),
  );

  app.get(
    '/api/v1/account/:accountId/applications/:applicationId',
    {
      config: { permission: 'account.applications.read', errors: ['APPLICATION_NOT_FOUND'] },
      schema: {
        tags: APPLICATIONS,
        summary: 'An application to one of the account’s listings',
        params: accountApplicationParams,
        response: { 200: applicationResponse },
      },
    },
    async (request) => applications.get(request.ctx, request.params.applicationId, { accountId: request.params.accountId }),
  );

  app.post(
    '/api/v1/account/:accountId/applications/:applicationId/review',
    {
      config: { permission: 'account.applications.review', errors: ['APPLICATION_NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION', 'LISTING_CLOSED'] },
      schema: {
        tags: APPLICATIONS,
        summary: 'Review, shortlist, accept or reject an application',
        description:
          'PENDING → REVIEWING → SHORTLISTED → ACCEPTED / REJECTED (accept also from REVIEWING, reject from any open state). ' +
          'Accepting the last of the listing’s `positions` completes the listing.',
        params: accountApplicationParams,
        body: applicationReviewSchema,
        response: { 200: applicationResponse },
      },
    },
    async (request) => applications.review(request.ctx, request.params.applicationId, request.body, { accountId: request.params.accountId }),
  );

  // ── the account's conversations ────────────────────────────────────────────────
  app.get(
    '/api/v1/account/:accountId/applications/:applicationId/messages',
    {
      config: { permission: 'account.messages.read', errors: ['CONVERSATION_NOT_FOUND', 'FORBIDDEN'] },
      schema: {
        tags: MESSAGES,
        summary: 'The conversation on an application, newest first',
        params: accountApplicationParams,
        querystring: pageQuerySchema,
        response: { 200: pageOf(messageResponse) },
      },
    },
    async (request) => messages.list(request.ctx, request.params.applicationId, request.query, { accountId: request.params.accountId }),
  );

  app.post(
    '/api/v1/account/:accountId/applications/:applicationId/messages',
    {
      config: {
        permission: 'account.messages.create',
        errors: ['CONVERSATION_CLOSED', 'CONVERSATION_NOT_FOUND', 'FORBIDDEN', 'INVALID_ATTACHMENTS', 'USER_BLOCKED'],
      },
      schema: {
        tags: MESSAGES,
        summary: 'Write to the applicant',
        params: accountApplicationParams,
        body: messageCreateSchema,
        response: { 201: messageResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await messages.send(request.ctx, request.params.applicationId, request.body, { accountId: request.params.accountId })),
  );

  app.post(
    '/api/v1/account/:accountId/applications/:applicationId/messages/read',
    {
      config: { permission: 'account.messages.read', errors: ['CONVERSATION_NOT_FOUND', 'FORBIDDEN', 'MESSAGE_NOT_FOUND'] },
      schema: {
        tags: MESSAGES,
        summary: 'Mark the conversation read for me, up to a message or all of it',
        params: accountApplicationParams,
        body: markReadSchema,
        response: { 200: markReadResponse },
      },
    },
    async (request) => messages.markRead(request.ctx, request.params.applicationId, request.body, { accountId: request.params.accountId }),
  );

  app.get(
    '/api/v1/account/:accountId/messages/unread',
    {
      config: { permission: 'account.messages.read' },
      schema: { tags: MESSAGES, summary: 'My unread messages in the account’s conversations', params: accountParams, response: { 200: unreadResponse } },
    },
    async (request) => messages.unreadCounts(request.ctx, { accountId: request.params.accountId }),
  );

  app.patch(
    '/api/v1/account/:accountId/messages/:messageId',
    {
      config: {
        permission: 'account.messages.create',
        errors: ['EDIT_WINDOW_PASSED', 'FORBIDDEN', 'MESSAGE_DELETED', 'MESSAGE_NOT_FOUND', 'NOT_MESSAGE_SENDER'],
      },
      schema: {
        tags: MESSAGES,
        summary: 'Edit my message (within 15 minutes of sending)',
        params: accountMessageParams,
        body: messageEditSchema,
        response: { 200: messageResponse },
      },
    },
    async (request) => messages.edit(request.ctx, request.params.messageId, request.body, { accountId: request.params.accountId }),
  );

  app.delete(
    '/api/v1/account/:accountId/messages/:messageId',
    {
      config: { permission: 'account.messages.create', errors: ['FORBIDDEN', 'MESSAGE_NOT_FOUND', 'NOT_MESSAGE_SENDER'] },
      schema: { tags: MESSAGES, summary: 'Delete my message (it stays as a tombstone)', params: accountMessageParams, response: noContent },
    },
    async (request, reply) => {
      await messages.remove(request.ctx, request.params.messageId, { accountId: request.params.accountId });
      return reply.status(204).send();
    },
  );

  // ── my applications and conversations ──────────────────────────────────────────
  app.get(
    '/api/v1/user/applications',
    {
      config: { permission: 'user.applications.read' },
      schema: {
        tags: APPLICATIONS,
        summary: 'My applications, newest first',
        querystring: applicationListSchema,
        response: { 200: pageOf(applicationResponse) },
      },
    },
    async (request) => applications.listMine(request.ctx, request.query),
  );

  app.post(
    '/api/v1/user/applications',
    {
      config: {
        permission: 'user.applications.create',
        errors: ['ALREADY_APPLIED', 'INVALID_ANSWERS', 'INVALID_ATTACHMENTS', 'LISTING_NOT_FOUND', 'LISTING_NOT_OPEN', 'OWN_LISTING', 'USER_BLOCKED'],
      },
      schema: {
        tags: APPLICATIONS,
        summary: 'Apply to an active listing',
        description:
          'Once per listing (409 ALREADY_APPLIED). Answers are checked against the listing’s questions (422 INVALID_ANSWERS naming each field); ' +
          'attachments must be my own uploads (422 INVALID_ANSWERS / INVALID_ATTACHMENTS). Not for listings of accounts I belong to (422 OWN_LISTING).',
        body: applicationCreateSchema.extend({ listingId: uuid }),
        response: { 201: applicationResponse },
      },
    },
    async (request, reply) => {
      const { listingId, ...application } = request.body;
      return reply.status(201).send(await applications.apply(request.ctx, listingId, application));
    },
  );

  app.get(
    '/api/v1/user/applications/:applicationId',
    {
      config: { permission: 'user.applications.read', errors: ['APPLICATION_NOT_FOUND'] },
      schema: { tags: APPLICATIONS, summary: 'One of my applications', params: applicationParams, response: { 200: applicationResponse } },
    },
    async (request) => applications.get(request.ctx, request.params.applicationId, 'applicant'),
  );

  app.post(
    '/api/v1/user/applications/:applicationId/withdraw',
    {
      config: { permission: 'user.applications.update', errors: ['APPLICATION_NOT_FOUND', 'ILLEGAL_TRANSITION'] },
      schema: { tags: APPLICATIONS, summary: 'Withdraw my application (before a decision)', params: applicationParams, response: { 200: applicationResponse } },
    },
    async (request) => applications.withdraw(request.ctx, request.params.applicationId),
  );

  app.get(
    '/api/v1/user/applications/:applicationId/messages',
    {
      config: { permission: 'user.messages.read', errors: ['CONVERSATION_NOT_FOUND', 'FORBIDDEN'] },
      schema: {
        tags: MESSAGES,
        summary: 'The conversation on my application, newest first',
        params: applicationParams,
        querystring: pageQuerySchema,
        response: { 200: pageOf(messageResponse) },
      },
    },
    async (request) => messages.list(request.ctx, request.params.applicationId, request.query, 'applicant'),
  );

  app.post(
    '/api/v1/user/applications/:applicationId/messages',
    {
      config: {
        permission: 'user.messages.create',
        errors: ['CONVERSATION_CLOSED', 'CONVERSATION_NOT_FOUND', 'FORBIDDEN', 'INVALID_ATTACHMENTS', 'USER_BLOCKED'],
      },
      schema: {
        tags: MESSAGES,
        summary: 'Write to the listing’s account',
        params: applicationParams,
        body: messageCreateSchema,
        response: { 201: messageResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await messages.send(request.ctx, request.params.applicationId, request.body, 'applicant')),
  );

  app.post(
    '/api/v1/user/applications/:applicationId/messages/read',
    {
      config: { permission: 'user.messages.update', errors: ['CONVERSATION_NOT_FOUND', 'FORBIDDEN', 'MESSAGE_NOT_FOUND'] },
      schema: {
        tags: MESSAGES,
        summary: 'Mark the conversation on my application read, up to a message or all of it',
        params: applicationParams,
        body: markReadSchema,
        response: { 200: markReadResponse },
      },
    },
    async (request) => messages.markRead(request.ctx, request.params.applicationId, request.body, 'applicant'),
  );

  app.get(
    '/api/v1/user/messages/unread',
    {
      config: { permission: 'user.messages.read' },
      schema: { tags: MESSAGES, summary: 'My unread messages in the conversations on my applications', response: { 200: unreadResponse } },
    },
    async (request) => messages.unreadCounts(request.ctx),
  );

  app.patch(
    '/api/v1/user/messages/:messageId',
    {
      config: { permission: 'user.messages.update', errors: ['EDIT_WINDOW_PASSED', 'FORBIDDEN', 'MESSAGE_DELETED', 'MESSAGE_NOT_FOUND', 'NOT_MESSAGE_SENDER'] },
      schema: {
        tags: MESSAGES,
        summary: 'Edit my message (within 15 minutes of sending)',
        params: messageParams,
        body: messageEditSchema,
        response: { 200: messageResponse },
      },
    },
    async (request) => messages.edit(request.ctx, request.params.messageId, request.body, 'applicant'),
  );

  app.delete(
    '/api/v1/user/messages/:messageId',
    {
      config: { permission: 'user.messages.update', errors: ['FORBIDDEN', 'MESSAGE_NOT_FOUND', 'NOT_MESSAGE_SENDER'] },
      schema: { tags: MESSAGES, summary: 'Delete my message (it stays as a tombstone)', params: messageParams, response: noContent },
    },
    async (request, reply) => {
      await messages.remove(request.ctx, request.params.messageId, 'applicant');
      return reply.status(204).send();
    },
  );

  // ── tenant moderation ──────────────────────────────────────────────────────────
  app.get(
    '/api/v1/tenant/listings',
    {
      config: { permission: 'tenant.listings.read' },
      schema: {
        tags: LISTINGS,
        summary: 'Every listing of the marketplace in any state, with application statistics (moderation)',
        querystring: moderationListQuerySchema,
        response: { 200: pageOf(dashboardListingResponse) },
      },
    },
    async (request) => listings.moderation(request.ctx, request.query),
  );

  app.get(
    '/api/v1/tenant/applications',
    {
      config: { permission: 'tenant.applications.read' },
      schema: {
        tags: APPLICATIONS,
        summary: 'Every application of the marketplace, newest first (moderation)',
        querystring: tenantApplicationListSchema,
        response: { 200: pageOf(applicationResponse) },
      },
    },
    async (request) => applications.listForTenant(request.ctx, request.query),
  );

  app.get(
    '/api/v1/tenant/listings/:listingId',
    {
      config: { permission: 'tenant.listings.read', errors: ['LISTING_NOT_FOUND'] },
      schema: { tags: LISTINGS, summary: 'Any listing of the tenant, in any state', params: listingParams, response: { 200: accountListingResponse } },
    },
    async (request) => listings.get(request.ctx, request.params),
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/api/v1/tenant/listings/:listingId/${decision}`,
      {
        config: {
          permission: 'tenant.listings.update',
          errors: ['ACCOUNT_NOT_ACTIVE', 'ILLEGAL_TRANSITION', 'LISTING_EXPIRY_PASSED', 'LISTING_LIMIT_REACHED', 'LISTING_NOT_FOUND'],
        },
        schema: {
          tags: LISTINGS,
          summary:
            decision === 'approve'
              ? 'Approve a listing waiting in PENDING_APPROVAL: it becomes ACTIVE (a slot of the account’s plan)'
              : 'Reject a listing waiting in PENDING_APPROVAL: back to DRAFT, the note tells its account why',
          description: 'Listing approval is on when tenants.settings.marketplace.listingApproval is true. Any other status: 409 ILLEGAL_TRANSITION.',
          params: listingParams,
          body: listingDecisionSchema,
          response: { 200: accountListingResponse },
        },
      },
      async (request) => listings[decision](request.ctx, request.params.listingId, request.body),
    );
  }

  app.post(
    '/api/v1/tenant/listings/:listingId/transition',
    {
      config: {
        permission: 'tenant.listings.update',
        errors: ['ACCOUNT_NOT_ACTIVE', 'ILLEGAL_TRANSITION', 'LISTING_EXPIRY_PASSED', 'LISTING_LIMIT_REACHED', 'LISTING_NOT_FOUND'],
      },
      schema: {
        tags: LISTINGS,
        summary: 'Moderate a listing: pause it (its account cannot resume it then), resume it, or cancel it',
        params: listingParams,
        body: listingActionSchema,
        response: { 200: accountListingResponse },
      },
    },
    async (request) => listings.transition(request.ctx, request.params, request.body),
  );
};
