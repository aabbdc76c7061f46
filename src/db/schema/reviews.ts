import { integer, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, timestamptz, updatedAt } from './types';

/** Which side of the work a review's author was on. */
export type ReviewSide = 'CLIENT' | 'PROVIDER' | 'APPLICANT' | 'ACCOUNT';

export const reviews = pgTable(
  'reviews',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    bookingId: uuid('booking_id'),
    applicationId: uuid('application_id'),
    listingId: uuid('listing_id'),
    authorSide: text('author_side').$type<ReviewSide>().notNull(),
    authorId: uuid('author_id').notNull(),
    authorAccountId: uuid('author_account_id'),
    subjectUserId: uuid('subject_user_id'),
    subjectAccountId: uuid('subject_account_id'),
    stars: smallint('stars').notNull(),
    body: text('body').notNull(),
    windowClosesAt: timestamptz('window_closes_at').notNull(),
    revealedAt: timestamptz('revealed_at'),
    reply: text('reply'),
    repliedAt: timestamptz('replied_at'),
    repliedBy: uuid('replied_by'),
    hiddenAt: timestamptz('hidden_at'),
    hiddenBy: uuid('hidden_by'),
    hiddenReason: text('hidden_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const reviewReports = pgTable(
  'review_reports',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    reviewId: uuid('review_id').notNull(),
    reporterId: uuid('reporter_id').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const ratingSummaries = pgTable(
  'rating_summaries',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    subjectKind: text('subject_kind').$type<'USER' | 'ACCOUNT' | 'LISTING'>().notNull(),
    subjectId: uuid('subject_id').notNull(),
    reviewCount: integer('review_count').notNull().default(0),
    starSum: integer('star_sum').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
