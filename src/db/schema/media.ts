import { bigint, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantIdColumn, updatedAt } from './types';

/**
 * Storage used per owner (an account, or a user's personal files), maintained by
 * triggers on media_files, which also enforce the quota (migration 0150). The
 * media_files table itself is defined in content.ts.
 */
export const mediaStorageUsage = pgTable(
  'media_storage_usage',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id'),
    userId: uuid('user_id'),
    bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
    files: integer('files').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
