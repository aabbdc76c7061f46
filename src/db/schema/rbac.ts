import { bigint, boolean, pgEnum, pgSchema, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, timestamptz, updatedAt } from './types';

export const roleType = pgEnum('role_type', ['SYSTEM', 'TENANT', 'CUSTOM']);
export const roleLevel = pgEnum('role_level', ['PLATFORM', 'TENANT', 'ACCOUNT', 'USER']);

export const permissions = pgTable('permissions', {
  id: idColumn().primaryKey(),
  name: text('name').notNull().unique(),
  description: text('description'),
  createdAt: createdAt(),
});

export const roles = pgTable(
  'roles',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    name: text('name').notNull(),
    description: text('description'),
    type: roleType('type').notNull().default('CUSTOM'),
    level: roleLevel('level').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const rolePermissions = pgTable(
  'role_permissions',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    roleId: uuid('role_id').notNull(),
    permissionId: uuid('permission_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const userRoles = pgTable(
  'user_roles',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    roleId: uuid('role_id').notNull(),
    accountId: uuid('account_id'),
    assignedAt: timestamptz('assigned_at').notNull().defaultNow(),
    assignedBy: uuid('assigned_by'),
    expiresAt: timestamptz('expires_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const userPermissions = pgTable(
  'user_permissions',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    permissionId: uuid('permission_id').notNull(),
    granted: boolean('granted').notNull().default(true),
    accountId: uuid('account_id'),
    assignedAt: timestamptz('assigned_at').notNull().defaultNow(),
    assignedBy: uuid('assigned_by'),
    expiresAt: timestamptz('expires_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const monoSchema = pgSchema('mono');

export const authzVersions = monoSchema.table('authz_versions', {
  tenantId: uuid('tenant_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(1),
});
