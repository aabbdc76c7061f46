import { bigint, jsonb, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, idColumn, tenantIdColumn, timestamptz } from './types';

/** Written only by the audit trigger; the runtime roles may insert and read, never change. */
export const auditLogs = pgTable(
  'audit_logs',
  {
    id: idColumn(),
    tenantId: tenantIdColumn(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** Which of the tenant's hash chains (0–7, decision 51) the entry belongs to. */
    chain: smallint('chain').notNull().default(0),
    /** 1: written before migration 0960 (unkeyed digest); 2: keyed digest, hash covers the erased form. */
    chainVersion: smallint('chain_version').notNull().default(1),
    userId: uuid('user_id'),
    action: text('action').notNull(),
    resource: text('resource').notNull(),
    resourceId: text('resource_id').notNull(),
    oldValues: jsonb('old_values').$type<Record<string, unknown>>(),
    newValues: jsonb('new_values').$type<Record<string, unknown>>(),
    /** Sorted keys of old_values and new_values (derived; checked by `mono audit verify`). */
    changedFields: text('changed_fields').array().notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    /** The API key the change was made with (migration 0720); user_id is then the key's creator. */
    apiKeyId: uuid('api_key_id'),
    valuesDigest: bytea('values_digest').notNull(),
    prevHash: bytea('prev_hash'),
    hash: bytea('hash').notNull(),
    erasedAt: timestamptz('erased_at'),
    /** Set by erasure: HMAC under the audit key of hash, erased_at and the values kept (migration 0960). */
    erasureSeal: bytea('erasure_seal'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id, t.createdAt] })],
);

export const activities = pgTable(
  'activities',
  {
    id: idColumn(),
    tenantId: tenantIdColumn(),
    userId: uuid('user_id').notNull(),
    type: text('type').notNull(),
    target: text('target').notNull(),
    targetId: text('target_id').notNull(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id, t.createdAt] })],
);
