import { boolean, date, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, idColumn, tenantIdColumn, timestamptz, updatedAt } from './types';

export const bookingType = pgEnum('booking_type', ['APPOINTMENT', 'SERVICE', 'CONSULTATION', 'EVENT']);
export const bookingStatus = pgEnum('booking_status', ['PENDING', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW']);

export const bookings = pgTable(
  'bookings',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    resourceId: uuid('resource_id').notNull(),
    clientId: uuid('client_id').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    type: bookingType('type').notNull(),
    startTime: timestamptz('start_time').notNull(),
    endTime: timestamptz('end_time').notNull(),
    timezone: text('timezone').notNull(),
    recurrence: jsonb('recurrence').$type<Record<string, unknown>>(),
    location: text('location'),
    meetingUrl: text('meeting_url'),
    price: numeric('price', { precision: 19, scale: 4 }),
    currency: text('currency'),
    paid: boolean('paid').notNull().default(false),
    status: bookingStatus('status').notNull().default('PENDING'),
    confirmedAt: timestamptz('confirmed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    cancelledAt: timestamptz('cancelled_at'),
    seriesId: uuid('series_id'),
    availabilityOverriddenBy: uuid('availability_overridden_by'),
    /** The listing booked through (issue 16), with the answers to its questions. */
    listingId: uuid('listing_id'),
    answers: jsonb('answers').$type<Record<string, string>>(),
    /** iCalendar SEQUENCE of the invitations: raised by the database on every visible change (0822). */
    icalSequence: integer('ical_sequence').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const availabilities = pgTable(
  'availabilities',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    dayOfWeek: smallint('day_of_week'),
    date: date('date', { mode: 'string' }),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    timezone: text('timezone').notNull(),
    available: boolean('available').notNull().default(true),
    recurring: boolean('recurring').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const availabilityBlocks = pgTable(
  'availability_blocks',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    startTime: timestamptz('start_time').notNull(),
    endTime: timestamptz('end_time').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    tokenHash: bytea('token_hash').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A question a listing asks whoever books it. */
export interface BookingQuestion {
  id: string;
  text: string;
  required: boolean;
}

/** How a listing is booked (0460): lengths, buffers, notice, window, limits, questions. */
export const listingBookingSettings = pgTable(
  'listing_booking_settings',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    listingId: uuid('listing_id').notNull(),
    durations: jsonb('durations').$type<number[]>().notNull(),
    bufferBefore: integer('buffer_before').notNull().default(0),
    bufferAfter: integer('buffer_after').notNull().default(0),
    minimumNotice: integer('minimum_notice').notNull().default(0),
    windowDays: integer('window_days').notNull().default(60),
    dailyLimit: integer('daily_limit'),
    weeklyLimit: integer('weekly_limit'),
    questions: jsonb('questions').$type<BookingQuestion[]>().notNull(),
    requiresConfirmation: boolean('requires_confirmation').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const listingBookingProviders = pgTable(
  'listing_booking_providers',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    listingId: uuid('listing_id').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
