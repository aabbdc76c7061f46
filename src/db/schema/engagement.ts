import { pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, timestamptz } from './types';

/**
 * The standing state behind engagement counters (see migration 0111): a like while it
 * stands, the last counted view/share per user and target. Counters on the target are
 * maintained by a trigger on this table.
 */
export const engagements = pgTable(
  'engagements',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').$type<'like' | 'view' | 'share'>().notNull(),
    target: text('target').notNull(),
    targetId: uuid('target_id').notNull(),
    countedAt: timestamptz('counted_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
