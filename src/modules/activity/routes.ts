import { z } from 'zod';
import { pageOf, uuid } from '../../http/kit/schemas';
import type { RouteModule } from '../../http/kit/types';
import { like, recordShare, recordView, unlike } from './engagement';
import { activityFeed } from './feed';
import { activityFeedQuery, activitySchema, engagementResultSchema, likeResultSchema, shareInput } from './schemas';

const contentParams = z.strictObject({ contentId: uuid });
const ONLY_PUBLIC = 'Only content the public can see now; anything else is 404.';

/** The caller's engagement with published content, and their activity feed. */
export const activityRoutes: RouteModule = (app, deps) => {
  app.post(
    '/api/v1/user/content/:contentId/like',
    {
      config: { permission: 'user.activity.create', errors: ['CONTENT_NOT_FOUND'] },
      schema: {
        tags: ['Engagement'],
        summary: 'Like content (once per user: liking again changes nothing)',
        description: ONLY_PUBLIC,
        params: contentParams,
        response: { 200: likeResultSchema },
      },
    },
    async (request) => like(deps, request.ctx, 'contents', request.params.contentId),
  );

  app.delete(
    '/api/v1/user/content/:contentId/like',
    {
      config: { permission: 'user.activity.create', errors: ['CONTENT_NOT_FOUND'] },
      schema: { tags: ['Engagement'], summary: 'Take a like back', description: ONLY_PUBLIC, params: contentParams, response: { 200: likeResultSchema } },
    },
    async (request) => unlike(deps, request.ctx, 'contents', request.params.contentId),
  );

  app.post(
    '/api/v1/user/content/:contentId/share',
    {
      config: { permission: 'user.activity.create', errors: ['CONTENT_NOT_FOUND'] },
      schema: {
        tags: ['Engagement'],
        summary: 'Record a share (counted at most once per hour per content)',
        description: ONLY_PUBLIC,
        params: contentParams,
        body: shareInput,
        response: { 200: engagementResultSchema },
      },
    },
    async (request) => recordShare(deps, request.ctx, 'contents', request.params.contentId, request.body),
  );

  app.post(
    '/api/v1/user/content/:contentId/view',
    {
      config: { permission: 'user.activity.create', errors: ['CONTENT_NOT_FOUND'] },
      schema: {
        tags: ['Engagement'],
        summary: 'Record a view (counted at most once per hour per content)',
        description: `Reading content through the public routes with a session already counts; this is for clients that show content from a list. ${ONLY_PUBLIC}`,
        params: contentParams,
        response: { 200: engagementResultSchema },
      },
    },
    async (request) => recordView(deps, request.ctx, 'contents', request.params.contentId),
  );

  app.get(
    '/api/v1/user/activity',
    {
      config: { permission: 'user.activity.read' },
      schema: {
        tags: ['Engagement'],
        summary: 'My activity: views, likes and shares, newest first',
        querystring: activityFeedQuery,
        response: { 200: pageOf(activitySchema) },
      },
    },
    async (request) => activityFeed(deps, request.ctx, request.query),
  );
};
