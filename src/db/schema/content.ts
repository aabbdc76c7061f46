import { sql } from 'drizzle-orm';
import { bigint, integer, jsonb, pgEnum, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, deletedAt, generated, idColumn, regconfig, tenantIdColumn, timestamptz, tsvector, updatedAt } from './types';

export const contentType = pgEnum('content_type', ['ARTICLE', 'PORTFOLIO', 'LISTING', 'PAGE', 'FORM']);
export const contentStatus = pgEnum('content_status', ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'ARCHIVED']);

export const mediaFiles = pgTable(
  'media_files',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    uploaderId: uuid('uploader_id').notNull(),
    accountId: uuid('account_id'),
    filename: text('filename').notNull(),
    mimetype: text('mimetype').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    url: text('url').notNull(),
    thumbnailUrl: text('thumbnail_url'),
    title: text('title'),
    alt: text('alt'),
    caption: text('caption'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    folder: text('folder'),
    tags: text('tags').array().notNull().default([]),
    contentHash: text('content_hash'),
    storageKey: text('storage_key'),
    usageCount: integer('usage_count').notNull().default(0),
    lastUsedAt: timestamptz('last_used_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const categories = pgTable(
  'categories',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const contents = pgTable(
  'contents',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    userId: uuid('user_id').notNull(),
    type: contentType('type').notNull(),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    body: text('body'),
    featuredImageId: uuid('featured_image_id'),
    metaTitle: text('meta_title'),
    metaDescription: text('meta_description'),
    keywords: text('keywords').array().notNull().default([]),
    status: contentStatus('status').notNull().default('DRAFT'),
    publishedAt: timestamptz('published_at'),
    expiresAt: timestamptz('expires_at'),
    tags: text('tags').array().notNull().default([]),
    views: integer('views').notNull().default(0),
    likes: integer('likes').notNull().default(0),
    shares: integer('shares').notNull().default(0),
    /** The tenant's search language when the row was written (0990): set by triggers, not by the app. */
    searchConfig: regconfig('search_config').notNull().default(sql`'english'`),
    search: tsvector('search').generatedAlwaysAs(generated),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamptz('reviewed_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const contentCategories = pgTable(
  'content_categories',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    contentId: uuid('content_id').notNull(),
    categoryId: uuid('category_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const contentMedia = pgTable(
  'content_media',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    contentId: uuid('content_id').notNull(),
    mediaId: uuid('media_id').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
