import { integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, timestamptz, updatedAt } from './types';

/** Which Mono row an imported record became, per kind and external id (migration 0800). */
export const importExternalIds = pgTable(
  'import_external_ids',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    kind: text('kind').notNull(),
    externalId: text('external_id').notNull(),
    monoId: uuid('mono_id').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** How far the import of one file (by content hash) got (migration 0800). */
export const importCheckpoints = pgTable(
  'import_checkpoints',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    linesDone: integer('lines_done').notNull().default(0),
    rowsImported: integer('rows_imported').notNull().default(0),
    rowsRefused: integer('rows_refused').notNull().default(0),
    batches: integer('batches').notNull().default(0),
    completedAt: timestamptz('completed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** One row per committed import batch; its audit entry carries the batch's external ids (migration 0800). */
export const importBatches = pgTable(
  'import_batches',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    runId: uuid('run_id').notNull(),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    firstLine: integer('first_line').notNull(),
    lastLine: integer('last_line').notNull(),
    records: jsonb('records').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
