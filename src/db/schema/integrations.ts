import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, idColumn, tenantIdColumn, timestamptz, updatedAt } from './types';

/** Machine credentials (migration 0720): only the hash of a key is stored. */
export const apiKeys = pgTable(
  'api_keys',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id'),
    createdBy: uuid('created_by').notNull(),
    name: text('name').notNull(),
    tokenHash: bytea('token_hash').notNull(),
    hint: text('hint').notNull(),
    permissions: text('permissions').array().notNull(),
    denied: text('denied').array().notNull().default([]),
    rateLimitPerMinute: integer('rate_limit_per_minute').notNull(),
    expiresAt: timestamptz('expires_at'),
    revokedAt: timestamptz('revoked_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** One row per key: its current rate-limit window and last use (written by the authentication lookup). */
export const apiKeyUsage = pgTable(
  'api_key_usage',
  {
    tenantId: tenantIdColumn(),
    apiKeyId: uuid('api_key_id').notNull(),
    windowStart: timestamptz('window_start').notNull(),
    requests: integer('requests').notNull(),
    lastUsedAt: timestamptz('last_used_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.apiKeyId] })],
);

/** Claimed Idempotency-Key headers and the responses they answered (migration 0721). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    principalId: uuid('principal_id').notNull(),
    key: text('key').notNull(),
    requestHash: bytea('request_hash').notNull(),
    status: integer('status'),
    contentType: text('content_type'),
    body: text('body'),
    createdAt: createdAt(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
