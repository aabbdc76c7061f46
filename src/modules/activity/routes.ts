import { z } from 'zod';
import { pageOf, uuid } from '../../http/kit/schemas';
import type { RouteModule } from '../../http/kit/types';
import { activityFeedQuery, activitySchema, engagementResultSchema, likeResultSchema, shareInput } from './schemas';
import { createEngagementService } from './service';

const contentParams = z.strictObject({ contentId: uuid });
const ONLY_PUBLIC = 'Only content the public can see now; anything else is 404.';

/** The caller's engagement with published content, and their activity feed. */
export const activityRoutes: RouteModule = (app, deps) => {
  const engagement = createEngagementService(deps);

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
    async (request) => engagement.like(request.ctx, 'contents', request.params.contentId),
  );

  app.delete(
    '/api/v1/user/content/:contentId/like',
    {
      config: { permission: 'user.activity.create', errors: ['CONTENT_NOT_FOUND'] },
      schema: { tags: ['Engagement'], summary: 'Take a like back', description: ONLY_PUBLIC, params: contentParams, response: { 200: likeResultSchema } },
    },
    async (request) => engagement.unlike(request.ctx, 'contents', request.params.contentId),
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
    async (request) => engagement.share(request.ctx, 'contents', request.params.contentId, request.body),
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
    async (request) => engagement.view(request.ctx, 'contents', request.params.contentId),
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
    async (request) => engagement.feed(request.ctx, request.query),
  );
};
