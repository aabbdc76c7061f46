import { z } from 'zod';
import { pageOf, uuid } from '../../http/kit/schemas';
import type { RouteModule } from '../../http/kit/types';
import { publicReviewResponse, reviewListQuery } from '../reviews';
import { profileCard, publicAccountResponse, publicFieldsResponse, publicFieldsSchema, publicUserResponse } from './schemas';
import { createProfileService } from './service';

const PROFILES = ['Profiles'];
const REVIEWS = ['Reviews'];
const userParams = z.strictObject({ userId: uuid });
const accountParams = z.strictObject({ accountId: uuid });
const listingParams = z.strictObject({ listingId: uuid });
const accountApplicationParams = z.strictObject({ accountId: uuid, applicationId: uuid });

/** Public profiles and review lists; the public-field choice; the applicant as the account sees them. */
export const profileRoutes: RouteModule = (app, deps) => {
  const profiles = createProfileService({ db: deps.db });

  app.get(
    '/api/v1/public/users/:userId',
    {
      config: { permission: 'public.profiles.read', errors: ['USER_NOT_FOUND'] },
      schema: {
        tags: PROFILES,
        summary: 'A person’s public profile: display name, the fields they made public, rating, newest open listings',
        params: userParams,
        response: { 200: publicUserResponse },
      },
    },
    async (request) => profiles.getUser(request.ctx, request.params.userId),
  );

  app.get(
    '/api/v1/public/accounts/:accountId',
    {
      config: { permission: 'public.profiles.read', errors: ['ACCOUNT_NOT_FOUND'] },
      schema: {
        tags: PROFILES,
        summary: 'An account’s public profile: name, rating, newest open listings',
        params: accountParams,
        response: { 200: publicAccountResponse },
      },
    },
    async (request) => profiles.getAccount(request.ctx, request.params.accountId),
  );

  app.get(
    '/api/v1/public/users/:userId/reviews',
    {
      config: { permission: 'public.profiles.read', errors: ['USER_NOT_FOUND'] },
      schema: {
        tags: REVIEWS,
        summary: 'Revealed reviews of a person, newest first',
        params: userParams,
        querystring: reviewListQuery,
        response: { 200: pageOf(publicReviewResponse) },
      },
    },
    async (request) => profiles.userReviews(request.ctx, request.params.userId, request.query),
  );

  app.get(
    '/api/v1/public/accounts/:accountId/reviews',
    {
      config: { permission: 'public.profiles.read', errors: ['ACCOUNT_NOT_FOUND'] },
      schema: {
        tags: REVIEWS,
        summary: 'Revealed reviews of an account, newest first',
        params: accountParams,
        querystring: reviewListQuery,
        response: { 200: pageOf(publicReviewResponse) },
      },
    },
    async (request) => profiles.accountReviews(request.ctx, request.params.accountId, request.query),
  );

  app.get(
    '/api/v1/public/listings/:listingId/reviews',
    {
      config: { permission: 'public.profiles.read', errors: ['LISTING_NOT_FOUND'] },
      schema: {
        tags: REVIEWS,
        summary: 'Revealed reviews of the listing: by its applicants about its account, and by the clients of its bookings about their provider; newest first',
        params: listingParams,
        querystring: reviewListQuery,
        response: { 200: pageOf(publicReviewResponse) },
      },
    },
    async (request) => profiles.listingReviews(request.ctx, request.params.listingId, request.query),
  );

  app.get(
    '/api/v1/user/profile/public-fields',
    {
      config: { permission: 'user.profile.read' },
      schema: { tags: PROFILES, summary: 'Which of my profile fields everyone may see', response: { 200: publicFieldsResponse } },
    },
    async (request) => profiles.getPublicFields(request.ctx),
  );

  app.put(
    '/api/v1/user/profile/public-fields',
    {
      config: { permission: 'user.profile.update', errors: ['USER_NOT_FOUND'] },
      schema: {
        tags: PROFILES,
        summary: 'Choose which of my profile fields everyone may see (the display name always shows)',
        body: publicFieldsSchema,
        response: { 200: publicFieldsResponse },
      },
    },
    async (request) => profiles.choosePublicFields(request.ctx, request.body),
  );

  app.get(
    '/api/v1/account/:accountId/applications/:applicationId/applicant',
    {
      config: { permission: 'account.applications.read', errors: ['APPLICATION_NOT_FOUND'] },
      schema: {
        tags: PROFILES,
        summary: 'The applicant’s profile: name, avatar, headline, rating, and what they made public',
        params: accountApplicationParams,
        response: { 200: profileCard },
      },
    },
    async (request) => profiles.getApplicant(request.ctx, request.params),
  );
};
