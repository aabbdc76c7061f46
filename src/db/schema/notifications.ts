import { sql } from 'drizzle-orm';
import { boolean, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, timestamptz, updatedAt, xid8 } from './types';

/** A notice to one person (migration 0820): in-app, written with the change that caused it. */
export const notifications = pgTable(
  'notifications',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    resourceType: text('resource_type'),
    resourceId: uuid('resource_id'),
    readAt: timestamptz('read_at'),
    createdAt: createdAt(),
    /** The writing transaction: the live stream's commit-safe order (migration 0940). */
    txid: xid8('txid').notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A person's choice per topic: e-mail and in-app on or off (no row: both on). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    email: boolean('email').notNull().default(true),
    inApp: boolean('in_app').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A tenant's override of one notice template in one language (migration 0821). */
export const mailTemplates = pgTable(
  'mail_templates',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    template: text('template').notNull(),
    language: text('language').notNull(),
    subject: text('subject'),
    bodyText: text('body_text'),
    bodyHtml: text('body_html'),
    updatedBy: uuid('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** The marker of a reminder sent for a booking's start (migration 0823): one per booking and start. */
export const bookingReminders = pgTable(
  'booking_reminders',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    bookingId: uuid('booking_id').notNull(),
    startTime: timestamptz('start_time').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
