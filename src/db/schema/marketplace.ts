import { sql } from 'drizzle-orm';
import { bigint, boolean, date, doublePrecision, integer, jsonb, numeric, pgEnum, pgTable, pgView, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, deletedAt, generated, idColumn, regconfig, tenantIdColumn, timestamptz, tsvector, updatedAt, xid8 } from './types';

export const listingType = pgEnum('listing_type', ['GIG', 'JOB', 'SERVICE', 'PRODUCT']);
export const priceType = pgEnum('price_type', ['FIXED', 'HOURLY', 'DAILY', 'PROJECT', 'NEGOTIABLE']);
export const listingStatus = pgEnum('listing_status', ['DRAFT', 'PENDING_APPROVAL', 'ACTIVE', 'PAUSED', 'EXPIRED', 'COMPLETED', 'CANCELLED']);
export const applicationStatus = pgEnum('application_status', ['PENDING', 'REVIEWING', 'SHORTLISTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN']);

/** Structured listing location; country is ISO 3166-1 alpha-2. */
export interface ListingLocation {
  addressLine1?: string;
  addressLine2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  lat?: number;
  lng?: number;
}

export const listings = pgTable(
  'listings',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    userId: uuid('user_id').notNull(),
    type: listingType('type').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Exact decimal as a string; never a float. */
    price: numeric('price', { precision: 19, scale: 4 }),
    priceType: priceType('price_type').notNull(),
    currency: text('currency').notNull().default('USD'),
    location: jsonb('location').$type<ListingLocation>(),
    locationCountry: text('location_country').generatedAlwaysAs(generated),
    latitude: doublePrecision('latitude').generatedAlwaysAs(generated),
    longitude: doublePrecision('longitude').generatedAlwaysAs(generated),
    remote: boolean('remote').notNull().default(false),
    startDate: timestamptz('start_date'),
    endDate: timestamptz('end_date'),
    duration: text('duration'),
    requirements: jsonb('requirements').$type<unknown>(),
    applicationCount: integer('application_count').notNull().default(0),
    status: listingStatus('status').notNull().default('DRAFT'),
    featuredAt: timestamptz('featured_at'),
    /** Set while a tenant moderator holds the listing down (migration 0480): never ACTIVE then. */
    heldAt: timestamptz('held_at'),
    /** When it last became ACTIVE (0871; kept by a trigger): what the saved-search job calls new. */
    publishedAt: timestamptz('published_at'),
    /** A moderator's reason for sending the listing back to DRAFT (0874). */
    approvalNote: text('approval_note'),
    /** Values of the tenant's public listing fields (0920): searched through a GIN index. */
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    /** Values of its private listing fields: the listing's account and moderators only. */
    privateFields: jsonb('private_fields').$type<Record<string, unknown>>().notNull().default({}),
    /** A category of the tenant's tree (0920). */
    categoryId: uuid('category_id'),
    /** The category and those above it, up to a deleted one (0998): set by triggers, not by the app; search and facets read it. */
    categoryPath: uuid('category_path').array().notNull().default([]),
    expiresAt: timestamptz('expires_at'),
    /** The tenant's search language when the row was written (0990): set by triggers, not by the app. */
    searchConfig: regconfig('search_config').notNull().default(sql`'english'`),
    search: tsvector('search').generatedAlwaysAs(generated),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const applications = pgTable(
  'applications',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    listingId: uuid('listing_id').notNull(),
    applicantId: uuid('applicant_id').notNull(),
    coverLetter: text('cover_letter'),
    attachments: uuid('attachments').array().notNull().default([]),
    answers: jsonb('answers').$type<Record<string, unknown>>(),
    status: applicationStatus('status').notNull().default('PENDING'),
    reviewedAt: timestamptz('reviewed_at'),
    reviewedBy: uuid('reviewed_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const messages = pgTable(
  'messages',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    applicationId: uuid('application_id').notNull(),
    senderId: uuid('sender_id').notNull(),
    body: text('body').notNull(),
    attachments: uuid('attachments').array().notNull().default([]),
    editedAt: timestamptz('edited_at'),
    readAt: timestamptz('read_at'),
    deletedAt: deletedAt(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** The writing transaction: the live stream's commit-safe order (migration 0940). */
    txid: xid8('txid').notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Each read of a conversation by a moderator who is not part of it (migration 0470): audited. */
export const conversationModerationReads = pgTable(
  'conversation_moderation_reads',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    applicationId: uuid('application_id').notNull(),
    readerId: uuid('reader_id'),
    readAt: timestamptz('read_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Per-reader watermark of a conversation (see migration 0201). */
export const conversationReads = pgTable(
  'conversation_reads',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    applicationId: uuid('application_id').notNull(),
    userId: uuid('user_id').notNull(),
    lastReadMessageId: uuid('last_read_message_id').notNull(),
    lastReadMessageAt: timestamptz('last_read_message_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/**
 * The owner's dashboard statistics (migration 0008). Only the key and the statistics
 * are declared: queries join it to `listings` per listing (see the marketplace module).
 */
export const listingWithStats = pgView('listing_with_stats', {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  totalApplications: bigint('total_applications', { mode: 'number' }).notNull(),
  activeApplications: bigint('active_applications', { mode: 'number' }).notNull(),
  pendingApplications: bigint('pending_applications', { mode: 'number' }).notNull(),
  shortlistedApplications: bigint('shortlisted_applications', { mode: 'number' }).notNull(),
  acceptedApplications: bigint('accepted_applications', { mode: 'number' }).notNull(),
  lastApplicationAt: timestamptz('last_application_at'),
}).existing();

/** A listing's gallery (0870): ordered images of its account's library, position 0 the cover. */
export const listingImages = pgTable(
  'listing_images',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    listingId: uuid('listing_id').notNull(),
    mediaId: uuid('media_id').notNull(),
    position: integer('position').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A tenant's typed listing fields (0920). */
export const listingFields = pgTable(
  'listing_fields',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    kind: text('kind').$type<'text' | 'number' | 'enum' | 'multi_enum' | 'boolean' | 'date'>().notNull(),
    listingTypes: listingType('listing_types').array().notNull(),
    required: boolean('required').notNull().default(false),
    public: boolean('public').notNull().default(true),
    options: text('options').array(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Public number and date field values, one row each, for range filters (0920; kept by a trigger). */
export const listingFieldValues = pgTable(
  'listing_field_values',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    listingId: uuid('listing_id').notNull(),
    key: text('key').notNull(),
    num: numeric('num'),
    day: date('day', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A person's saved listings (0871). */
export const favourites = pgTable(
  'favourites',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    listingId: uuid('listing_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A person's saved search: the public search's parameters (0871). */
export const savedSearches = pgTable(
  'saved_searches',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, string>>().notNull(),
    /** Listings that became ACTIVE up to here have been looked at by the job. */
    checkedThrough: timestamptz('checked_through').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** New matches of a saved search, recorded by the job (0871). */
export const savedSearchMatches = pgTable(
  'saved_search_matches',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    savedSearchId: uuid('saved_search_id').notNull(),
    listingId: uuid('listing_id').notNull(),
    matchedAt: timestamptz('matched_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A person's block of another (0872): no applications, messages or bookings between them. */
export const userBlocks = pgTable(
  'user_blocks',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    blockerId: uuid('blocker_id').notNull(),
    blockedId: uuid('blocked_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A report of a listing, person, message or review to the moderators (0873). */
export const reports = pgTable(
  'reports',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    reporterId: uuid('reporter_id').notNull(),
    targetType: text('target_type').$type<'LISTING' | 'USER' | 'MESSAGE' | 'REVIEW'>().notNull(),
    targetId: uuid('target_id').notNull(),
    reason: text('reason').$type<'SPAM' | 'ABUSE' | 'FRAUD' | 'INAPPROPRIATE' | 'OTHER'>().notNull(),
    body: text('body'),
    status: text('status').$type<'OPEN' | 'RESOLVED' | 'DISMISSED'>().notNull().default('OPEN'),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamptz('resolved_at'),
    resolutionNote: text('resolution_note'),
    targetHidden: boolean('target_hidden').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
