import { z } from 'zod';
import { accountScope } from '../../core/context';
import type { ErrorCode } from '../../core/errors';
import { uuid } from '../../http/kit/schemas';
import type { BaseDeps, RouteModule } from '../../http/kit/types';
import { createCategory, deleteCategory, moveCategory, updateCategory } from './categories/change-categories';
import { getCategory, getCategoryTree } from './categories/read-categories';
import { createContent } from './contents/create-content';
import { deleteContent, editContent } from './contents/edit-content';
import { getContent, readPublishedContent } from './contents/read-content';
import { searchManagedContent, searchPublicContent } from './contents/search-content';
import { transitionContent } from './contents/transition-content';
import type { ContentViews } from './shared/deps';
import {
  approveContentInput,
  categoryDetailSchema,
  categoryNodeSchema,
  categorySchema,
  contentSchema,
  contentSummarySchema,
  createCategoryInput,
  createContentInput,
  managedContentSummarySchema,
  managedSearchQuery,
  moveCategoryInput,
  publicContentSchema,
  publicSearchQuery,
  publishContentInput,
  rejectContentInput,
  searchPageOf,
  slugSchema,
  type TransitionInput,
  updateCategoryInput,
  updateContentInput,
} from './shared/schemas';

const contentParams = z.strictObject({ contentId: uuid });
const slugParams = z.strictObject({ slug: slugSchema });
const categoryParams = z.strictObject({ categoryId: uuid });
const accountParams = z.strictObject({ accountId: uuid });
const accountContentParams = z.strictObject({ accountId: uuid, contentId: uuid });

/** Workflow steps without input, per tier. */
const accountSteps = {
  submit: { permission: 'account.content.update', summary: 'Submit a DRAFT for review (→ IN_REVIEW)' },
  revise: { permission: 'account.content.update', summary: 'Take APPROVED content back to DRAFT to change it' },
  unpublish: { permission: 'account.content.publish', summary: 'Take PUBLISHED content out of public view (→ APPROVED)' },
  archive: { permission: 'account.content.publish', summary: 'Archive PUBLISHED content (→ ARCHIVED)' },
  restore: { permission: 'account.content.publish', summary: 'Restore ARCHIVED content as a DRAFT' },
} as const;
const tenantSteps = {
  unpublish: accountSteps.unpublish.summary,
  archive: accountSteps.archive.summary,
  restore: accountSteps.restore.summary,
} as const;

const ERRORS = 'Refused with 409 ILLEGAL_TRANSITION (naming the allowed steps) when the content’s state does not allow it.';

/** What every workflow step can answer beyond its tier: invisible content, and a state that forbids the step. */
const STEP_ERRORS: ErrorCode[] = ['CONTENT_NOT_FOUND', 'ILLEGAL_TRANSITION'];
/** Publishing also checks the expiry against the publication time. */
const PUBLISH_ERRORS: ErrorCode[] = [...STEP_ERRORS, 'EXPIRY_BEFORE_PUBLICATION'];
/** What the body of a new or edited piece of content can name that is not there or not usable. */
const BODY_ERRORS: ErrorCode[] = ['SLUG_TAKEN', 'UNKNOWN_MEDIA', 'UNKNOWN_CATEGORY'];

/**
 * Content and categories over HTTP: the public's published content and search, an
 * account's content and its workflow, the tenant's review queue and moderation, and
 * category administration. The engagement routes live in the activity module.
 */
export const contentRoutes: RouteModule<BaseDeps & { contentViews: ContentViews }> = (app, deps) => {
  // ── public ──────────────────────────────────────────────────────────────────────
  app.get(
    '/api/v1/public/content',
    {
      config: { permission: 'public.content.read' },
      schema: {
        tags: ['Content'],
        summary: 'List and search published content',
        description:
          '`q` takes web search syntax: `"exact phrase"`, `either OR other`, `-excluded`. Results are ranked (title, then tags and description, then body) with highlighted snippets; when nothing matches, titles similar to `q` are returned (typos, `mode: fuzzy`). Without `q`: newest first. A category filter includes its subcategories.',
        querystring: publicSearchQuery,
        response: { 200: searchPageOf(contentSummarySchema) },
      },
    },
    async (request) => searchPublicContent(deps, request.ctx, request.query),
  );

  app.get(
    '/api/v1/public/content/:contentId',
    {
      config: { permission: 'public.content.read', errors: ['CONTENT_NOT_FOUND'] },
      schema: {
        tags: ['Content'],
        summary: 'Published content by id (a signed-in reader’s view is counted)',
        params: contentParams,
        response: { 200: publicContentSchema },
      },
    },
    async (request) => readPublishedContent(deps, request.ctx, { id: request.params.contentId }),
  );

  app.get(
    '/api/v1/public/content/by-slug/:slug',
    {
      config: { permission: 'public.content.read', errors: ['CONTENT_NOT_FOUND'] },
      schema: {
        tags: ['Content'],
        summary: 'Published content by slug (a signed-in reader’s view is counted)',
        params: slugParams,
        response: { 200: publicContentSchema },
      },
    },
    async (request) => readPublishedContent(deps, request.ctx, { slug: request.params.slug }),
  );

  app.get(
    '/api/v1/public/categories',
    {
      config: { permission: 'public.categories.read' },
      schema: { tags: ['Categories'], summary: 'The category tree', response: { 200: z.object({ data: z.array(categoryNodeSchema) }) } },
    },
    async (request) => ({ data: await getCategoryTree(deps, request.ctx) }),
  );

  app.get(
    '/api/v1/public/categories/:categoryId',
    {
      config: { permission: 'public.categories.read', errors: ['CATEGORY_NOT_FOUND'] },
      schema: {
        tags: ['Categories'],
        summary: 'One category with its path and subcategories',
        params: categoryParams,
        response: { 200: categoryDetailSchema },
      },
    },
    async (request) => getCategory(deps, request.ctx, { id: request.params.categoryId }),
  );

  app.get(
    '/api/v1/public/categories/by-slug/:slug',
    {
      config: { permission: 'public.categories.read', errors: ['CATEGORY_NOT_FOUND'] },
      schema: { tags: ['Categories'], summary: 'One category by slug', params: slugParams, response: { 200: categoryDetailSchema } },
    },
    async (request) => getCategory(deps, request.ctx, { slug: request.params.slug }),
  );

  // ── an account's content ────────────────────────────────────────────────────────
  app.get(
    '/api/v1/account/:accountId/content',
    {
      config: { permission: 'account.content.read' },
      schema: {
        tags: ['Account content'],
        summary: 'The account’s content in any state (search and filters as in public, plus status)',
        params: accountParams,
        querystring: managedSearchQuery.omit({ accountId: true }),
        response: { 200: searchPageOf(managedContentSummarySchema) },
      },
    },
    async (request) => searchManagedContent(deps, request.ctx, { ...request.query, accountId: request.params.accountId }),
  );

  app.post(
    '/api/v1/account/:accountId/content',
    {
      config: { permission: 'account.content.create', errors: BODY_ERRORS },
      schema: {
        tags: ['Account content'],
        summary: 'Create content (a DRAFT by the caller)',
        description:
          'Without `slug`, one is made from the title (transliterated; numbered if taken). A given slug that is taken: 409 SLUG_TAKEN with `suggestion`. `body` is Markdown.',
        params: accountParams,
        body: createContentInput.omit({ accountId: true }),
        response: { 201: contentSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createContent(deps, request.ctx, { ...request.body, accountId: request.params.accountId })),
  );

  app.get(
    '/api/v1/account/:accountId/content/:contentId',
    {
      config: { permission: 'account.content.read', errors: ['CONTENT_NOT_FOUND'] },
      schema: {
        tags: ['Account content'],
        summary: 'One piece of the account’s content, with what the caller may do next',
        params: accountContentParams,
        response: { 200: contentSchema },
      },
    },
    async (request) => getContent(deps, request.ctx, request.params.contentId, accountScope(request.params.accountId)),
  );

  app.patch(
    '/api/v1/account/:accountId/content/:contentId',
    {
      config: { permission: 'account.content.update', errors: [...STEP_ERRORS, ...BODY_ERRORS] },
      schema: {
        tags: ['Account content'],
        summary: 'Edit a DRAFT (absent fields stay; null clears; lists are replaced)',
        description: `${ERRORS} A taken slug: 409 SLUG_TAKEN with \`suggestion\`.`,
        params: accountContentParams,
        body: updateContentInput,
        response: { 200: contentSchema },
      },
    },
    async (request) => editContent(deps, request.ctx, request.params.contentId, request.body, accountScope(request.params.accountId)),
  );

  app.delete(
    '/api/v1/account/:accountId/content/:contentId',
    {
      config: { permission: 'account.content.delete', errors: ['CONTENT_NOT_FOUND'] },
      schema: {
        tags: ['Account content'],
        summary: 'Delete content (soft; its slug becomes free)',
        params: accountContentParams,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await deleteContent(deps, request.ctx, request.params.contentId, accountScope(request.params.accountId));
      return reply.status(204).send();
    },
  );

  for (const [action, { permission, summary }] of Object.entries(accountSteps)) {
    app.post(
      `/api/v1/account/:accountId/content/:contentId/${action}`,
      {
        config: { permission, errors: STEP_ERRORS },
        schema: { tags: ['Account content'], summary, description: ERRORS, params: accountContentParams, response: { 200: contentSchema } },
      },
      async (request) => transitionContent(deps, request.ctx, request.params.contentId, { action } as TransitionInput, accountScope(request.params.accountId)),
    );
  }

  app.post(
    '/api/v1/account/:accountId/content/:contentId/publish',
    {
      config: { permission: 'account.content.publish', errors: PUBLISH_ERRORS },
      schema: {
        tags: ['Account content'],
        summary: 'Publish APPROVED content now, or at `publishAt` (scheduled)',
        description: `Scheduled content is PUBLISHED with visibility \`scheduled\` and appears at \`publishAt\` by itself; it leaves public view at \`expiresAt\`. ${ERRORS}`,
        params: accountContentParams,
        body: publishContentInput,
        response: { 200: contentSchema },
      },
    },
    async (request) =>
      transitionContent(deps, request.ctx, request.params.contentId, { action: 'publish', ...request.body }, accountScope(request.params.accountId)),
  );

  // ── the tenant: review queue, moderation ───────────────────────────────────────
  app.get(
    '/api/v1/tenant/content',
    {
      config: { permission: 'tenant.content.read', errors: ['ACCOUNT_NOT_FOUND'] },
      schema: {
        tags: ['Content moderation'],
        summary: 'All content of the tenant in any state, e.g. the review queue: ?status=IN_REVIEW',
        querystring: managedSearchQuery,
        response: { 200: searchPageOf(managedContentSummarySchema) },
      },
    },
    async (request) => searchManagedContent(deps, request.ctx, request.query),
  );

  app.get(
    '/api/v1/tenant/content/:contentId',
    {
      config: { permission: 'tenant.content.read', errors: ['CONTENT_NOT_FOUND'] },
      schema: { tags: ['Content moderation'], summary: 'One piece of content in any state', params: contentParams, response: { 200: contentSchema } },
    },
    async (request) => getContent(deps, request.ctx, request.params.contentId),
  );

  app.post(
    '/api/v1/tenant/content/:contentId/approve',
    {
      config: { permission: 'tenant.content.review', errors: STEP_ERRORS },
      schema: {
        tags: ['Content moderation'],
        summary: 'Approve content IN_REVIEW (→ APPROVED), with an optional note',
        description: ERRORS,
        params: contentParams,
        body: approveContentInput,
        response: { 200: contentSchema },
      },
    },
    async (request) => transitionContent(deps, request.ctx, request.params.contentId, { action: 'approve', ...request.body }),
  );

  app.post(
    '/api/v1/tenant/content/:contentId/reject',
    {
      config: { permission: 'tenant.content.review', errors: STEP_ERRORS },
      schema: {
        tags: ['Content moderation'],
        summary: 'Reject content IN_REVIEW back to DRAFT, with the reason',
        description: ERRORS,
        params: contentParams,
        body: rejectContentInput,
        response: { 200: contentSchema },
      },
    },
    async (request) => transitionContent(deps, request.ctx, request.params.contentId, { action: 'reject', ...request.body }),
  );

  app.post(
    '/api/v1/tenant/content/:contentId/publish',
    {
      config: { permission: 'tenant.content.publish', errors: PUBLISH_ERRORS },
      schema: {
        tags: ['Content moderation'],
        summary: 'Publish any APPROVED content, now or at `publishAt`',
        description: ERRORS,
        params: contentParams,
        body: publishContentInput,
        response: { 200: contentSchema },
      },
    },
    async (request) => transitionContent(deps, request.ctx, request.params.contentId, { action: 'publish', ...request.body }),
  );

  for (const [action, summary] of Object.entries(tenantSteps)) {
    app.post(
      `/api/v1/tenant/content/:contentId/${action}`,
      {
        config: { permission: 'tenant.content.publish', errors: STEP_ERRORS },
        schema: { tags: ['Content moderation'], summary, description: ERRORS, params: contentParams, response: { 200: contentSchema } },
      },
      async (request) => transitionContent(deps, request.ctx, request.params.contentId, { action } as TransitionInput),
    );
  }

  // ── the tenant: categories ─────────────────────────────────────────────────────
  app.post(
    '/api/v1/tenant/categories',
    {
      config: { permission: 'tenant.categories.create', errors: ['SLUG_TAKEN', 'UNKNOWN_CATEGORY'] },
      schema: {
        tags: ['Categories'],
        summary: 'Create a category (optionally under a parent)',
        description: 'Without `slug`, one is made from the name. A taken slug: 409 SLUG_TAKEN with `suggestion`.',
        body: createCategoryInput,
        response: { 201: categorySchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createCategory(deps, request.ctx, request.body)),
  );

  app.patch(
    '/api/v1/tenant/categories/:categoryId',
    {
      config: { permission: 'tenant.categories.update', errors: ['CATEGORY_NOT_FOUND', 'SLUG_TAKEN'] },
      schema: {
        tags: ['Categories'],
        summary: 'Rename a category, change its slug, description or position',
        params: categoryParams,
        body: updateCategoryInput,
        response: { 200: categorySchema },
      },
    },
    async (request) => updateCategory(deps, request.ctx, request.params.categoryId, request.body),
  );

  app.post(
    '/api/v1/tenant/categories/:categoryId/move',
    {
      config: { permission: 'tenant.categories.update', errors: ['CATEGORY_CYCLE', 'CATEGORY_NOT_FOUND', 'UNKNOWN_CATEGORY'] },
      schema: {
        tags: ['Categories'],
        summary: 'Move a category under another parent (or to the top level with parentId null)',
        description: 'Refused with 422 CATEGORY_CYCLE when the new parent is the category itself or one of its subcategories.',
        params: categoryParams,
        body: moveCategoryInput,
        response: { 200: categorySchema },
      },
    },
    async (request) => moveCategory(deps, request.ctx, request.params.categoryId, request.body),
  );

  app.delete(
    '/api/v1/tenant/categories/:categoryId',
    {
      config: { permission: 'tenant.categories.delete', errors: ['CATEGORY_HAS_CHILDREN', 'CATEGORY_NOT_FOUND'] },
      schema: {
        tags: ['Categories'],
        summary: 'Delete a category (soft); content loses it',
        description: 'Refused with 409 CATEGORY_HAS_CHILDREN while it has subcategories.',
        params: categoryParams,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await deleteCategory(deps, request.ctx, request.params.categoryId);
      return reply.status(204).send();
    },
  );
};
