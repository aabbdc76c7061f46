import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../core/pagination';
import { CONTENT_STATUSES, CONTENT_TYPES, type ContentTransition } from './policy';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from './slug';

/**
 * Input schemas of the content module. Services take the parsed (output) types: tags
 * are normalised, times are Dates. Nullable fields: `undefined` leaves a value as it is,
 * `null` clears it.
 */
const id = z.uuid({ message: 'must be a UUID' });
const dateTime = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone offset, e.g. 2026-03-29T09:00:00Z' })
  .transform((value) => new Date(value));
const line = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const uniqueIds = (max: number) =>
  z
    .array(id)
    .max(max)
    .transform((ids) => [...new Set(ids)]);

export const slugSchema = z
  .string()
  .max(SLUG_MAX_LENGTH, `must be at most ${SLUG_MAX_LENGTH} characters`)
  .regex(SLUG_PATTERN, 'must be lower-case letters and digits separated by single hyphens, e.g. summer-news-2026');

/** Tags compare case- and spacing-insensitively, so they are stored normalised. */
export const tagSchema = line(50).transform((tag) => tag.toLowerCase().replace(/\s+/g, ' '));
const tagList = z
  .array(tagSchema)
  .max(30)
  .transform((tags) => [...new Set(tags)]);
const keywordList = z
  .array(line(100))
  .max(50)
  .transform((words) => [...new Set(words)]);

export const contentTypeSchema = z.enum(CONTENT_TYPES);
export const contentStatusSchema = z.enum(CONTENT_STATUSES);

const editableFields = {
  type: contentTypeSchema,
  title: line(300),
  slug: slugSchema,
  description: z.string().max(5000).nullable(),
  /** Markdown (CommonMark), stored as given; see docs/content.md on rendering it safely. */
  body: z.string().max(1_000_000).nullable(),
  featuredImageId: id.nullable(),
  metaTitle: z.string().trim().max(300).nullable(),
  metaDescription: z.string().trim().max(1000).nullable(),
  keywords: keywordList,
  tags: tagList,
  categoryIds: uniqueIds(20),
  /** The content's gallery, in order. */
  mediaIds: uniqueIds(100),
  expiresAt: dateTime.nullable(),
};

export const createContentInput = z.strictObject({
  accountId: id,
  type: editableFields.type,
  title: editableFields.title,
  slug: editableFields.slug.optional(),
  description: editableFields.description.optional(),
  body: editableFields.body.optional(),
  featuredImageId: editableFields.featuredImageId.optional(),
  metaTitle: editableFields.metaTitle.optional(),
  metaDescription: editableFields.metaDescription.optional(),
  keywords: editableFields.keywords.optional(),
  tags: editableFields.tags.optional(),
  categoryIds: editableFields.categoryIds.optional(),
  mediaIds: editableFields.mediaIds.optional(),
  expiresAt: editableFields.expiresAt.optional(),
});
export type CreateContentInput = z.output<typeof createContentInput>;

/** A PATCH: absent fields stay as they are (an empty object changes nothing). */
export const updateContentInput = z.strictObject(editableFields).partial();
export type UpdateContentInput = z.output<typeof updateContentInput>;

export const rejectContentInput = z.strictObject({ reason: line(2000) });
export const approveContentInput = z.strictObject({ note: line(2000).optional() });
export const publishContentInput = z.strictObject({
  /** Omitted: now. In the future: scheduled (public from then on). In the past: back-dated. */
  publishAt: dateTime.optional(),
  /** Omitted: keep the current expiry; null: never expires. */
  expiresAt: dateTime.nullable().optional(),
});
export type RejectContentInput = z.output<typeof rejectContentInput>;
export type ApproveContentInput = z.output<typeof approveContentInput>;
export type PublishContentInput = z.output<typeof publishContentInput>;

/** A workflow step (see policy.ts) and what it carries. */
export type TransitionInput =
  | ({ action: 'approve' } & ApproveContentInput)
  | ({ action: 'reject' } & RejectContentInput)
  | ({ action: 'publish' } & PublishContentInput)
  | { action: Exclude<ContentTransition, 'approve' | 'reject' | 'publish'> };

const limit = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE);
const cursor = z.string().min(1).max(1000).optional();

const searchFilters = {
  /** websearch syntax: "exact phrase", either OR other, -excluded */
  q: z.string().trim().min(1).max(200).optional(),
  type: contentTypeSchema.optional(),
  tag: tagSchema.optional(),
  /** A category and all its descendants. */
  categoryId: id.optional(),
  categorySlug: slugSchema.optional(),
  accountId: id.optional(),
  authorId: id.optional(),
  publishedFrom: dateTime.optional(),
  publishedTo: dateTime.optional(),
  limit,
  cursor,
};

export const publicSearchQuery = z.strictObject(searchFilters);
export type PublicSearchQuery = z.output<typeof publicSearchQuery>;

/** For callers who may see content in any state: the account's readers or tenant readers. */
export const managedSearchQuery = z.strictObject({
  ...searchFilters,
  /** One status or several, comma-separated: ?status=DRAFT,IN_REVIEW */
  status: z
    .union([z.string(), z.array(z.string())])
    .transform((value, ctx) => {
      const parsed = z
        .array(contentStatusSchema)
        .min(1)
        .safeParse(typeof value === 'string' ? value.split(',') : value);
      if (parsed.success) return [...new Set(parsed.data)];
      ctx.addIssue({ code: 'custom', message: `must be one or more of ${CONTENT_STATUSES.join(', ')}, comma-separated` });
      return z.NEVER;
    })
    .optional()
    .describe(`One status or several, comma-separated (${CONTENT_STATUSES.join(', ')}), e.g. DRAFT,IN_REVIEW`),
});
export type ManagedSearchQuery = z.output<typeof managedSearchQuery>;

export const createCategoryInput = z.strictObject({
  name: line(100),
  slug: slugSchema.optional(),
  parentId: id.nullable().optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  position: z.number().int().min(-1_000_000).max(1_000_000).optional(),
});
export type CreateCategoryInput = z.output<typeof createCategoryInput>;

export const updateCategoryInput = z
  .strictObject({
    name: line(100),
    slug: slugSchema,
    description: z.string().trim().max(2000).nullable(),
    position: z.number().int().min(-1_000_000).max(1_000_000),
  })
  .partial();
export type UpdateCategoryInput = z.output<typeof updateCategoryInput>;

export const moveCategoryInput = z.strictObject({
  /** null: make it a top-level category. */
  parentId: id.nullable(),
  position: z.number().int().min(-1_000_000).max(1_000_000).optional(),
});
export type MoveCategoryInput = z.output<typeof moveCategoryInput>;

// ── responses (what the presenters produce; the HTTP layer validates against them) ──

const isoTime = z.iso.datetime({ offset: true });
const categoryRef = z.object({ id, slug: z.string(), name: z.string() });
const stats = z.object({ views: z.number().int(), likes: z.number().int(), shares: z.number().int() });
const visibility = z.enum(['live', 'scheduled', 'expired', 'hidden']).describe('Where it stands for the public right now');

export const contentSummarySchema = z
  .object({
    id,
    type: contentTypeSchema,
    title: z.string(),
    slug: z.string(),
    description: z.string().nullable(),
    featuredImageId: id.nullable(),
    tags: z.array(z.string()),
    categories: z.array(categoryRef),
    account: z.object({ id, name: z.string() }),
    author: z.object({ id, displayName: z.string().nullable() }),
    publishedAt: isoTime.nullable(),
    stats,
  })
  .meta({ id: 'ContentSummary' });

const contentState = {
  status: contentStatusSchema,
  visibility,
  createdAt: isoTime,
  updatedAt: isoTime,
};

export const managedContentSummarySchema = contentSummarySchema
  .extend({ ...contentState, expiresAt: isoTime.nullable() })
  .meta({ id: 'ManagedContentSummary' });

export const publicContentSchema = contentSummarySchema
  .extend({
    body: z.string().nullable().describe('Markdown (CommonMark) as the author wrote it: render with raw HTML disabled'),
    mediaIds: z.array(id),
    seo: z.object({ metaTitle: z.string().nullable(), metaDescription: z.string().nullable(), keywords: z.array(z.string()) }),
    expiresAt: isoTime.nullable(),
  })
  .meta({ id: 'PublicContent' });

export const contentSchema = publicContentSchema
  .extend({
    ...contentState,
    review: z.object({ note: z.string().nullable(), reviewedBy: id.nullable(), reviewedAt: isoTime.nullable() }).nullable(),
    actions: z.array(z.string()).describe('What the caller may do with it now (workflow steps, edit, delete)'),
  })
  .meta({ id: 'Content' });

/** A page of search results: each hit with its highlight (safe HTML) and score, and how it matched. */
export const searchPageOf = <T extends z.ZodObject>(item: T) =>
  z.object({
    data: z.array(
      item.extend({
        highlight: z
          .object({ title: z.string(), snippet: z.string() })
          .nullable()
          .describe('Safe HTML: the text escaped, matches in <mark>. Full-text matches only.'),
        score: z.number().nullable(),
      }),
    ),
    nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page'),
    mode: z
      .enum(['fulltext', 'fuzzy', 'recent'])
      .describe('fulltext: q matched; fuzzy: no full-text match, similar titles (typos); recent: no q, newest first'),
  });

export const categorySchema = z
  .object({
    id,
    parentId: id.nullable(),
    name: z.string(),
    slug: z.string(),
    description: z.string().nullable(),
    position: z.number().int(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'Category' });

export const categoryNodeSchema = categorySchema
  .extend({
    get children(): z.ZodArray<typeof categoryNodeSchema> {
      return z.array(categoryNodeSchema);
    },
  })
  .meta({ id: 'CategoryNode' });

export const categoryDetailSchema = categorySchema
  .extend({ path: z.array(categoryRef).describe('Ancestors, root first'), children: z.array(categorySchema) })
  .meta({ id: 'CategoryDetail' });
