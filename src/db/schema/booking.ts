import { boolean, date, jsonb, numeric, pgEnum, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
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
