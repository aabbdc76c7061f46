import { boolean, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, timestamptz, updatedAt } from './types';

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
