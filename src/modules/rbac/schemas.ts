import { z } from 'zod';
import { isoDateTime, uuid } from '../../http/kit/schemas';

export const permissionPattern = z
  .string()
  .regex(/^(\*|(platform|tenant|account|user|public)\.([a-z][a-z_]*|\*)\.([a-z][a-z_]*|\*))$/, 'a permission like tenant.users.read, with * for any segment');
const roleName = z.string().regex(/^[a-z0-9](?:[a-z0-9_ -]{0,62}[a-z0-9])?$/, 'lower-case letters, digits, spaces, dashes or underscores, up to 64 characters');
const level = z.enum(['PLATFORM', 'TENANT', 'ACCOUNT', 'USER']);
const futureTime = z.iso.datetime({ offset: true }).refine((v) => new Date(v).getTime() > Date.now(), 'must be in the future');

export const createRoleBody = z.strictObject({
  name: roleName,
  description: z.string().trim().max(1000).optional(),
  level: level.exclude(['PLATFORM']).default('TENANT'),
  permissions: z.array(permissionPattern).max(500).default([]),
});
export const updateRoleBody = z.strictObject({ name: roleName.optional(), description: z.string().trim().max(1000).nullable().optional() });
export const rolePermissionsBody = z.strictObject({ permissions: z.array(permissionPattern).max(500) });

export const assignRoleBody = z
  .strictObject({
    roleId: uuid.optional(),
    role: roleName.optional().describe('The role name, instead of roleId'),
    accountId: uuid.nullable().optional().describe('Scope the role to one account (ACCOUNT-level roles only)'),
    expiresAt: futureTime.nullable().optional(),
  })
  .refine((v) => (v.roleId ? !v.role : Boolean(v.role)), { message: 'give either roleId or role', path: ['roleId'] });

export const grantPermissionBody = z.strictObject({
  permission: permissionPattern,
  granted: z.boolean().default(true).describe('false records an explicit deny, which beats every grant'),
  accountId: uuid.nullable().optional(),
  expiresAt: futureTime.nullable().optional(),
});

export const permissionSchema = z.object({ name: z.string(), description: z.string().nullable(), wildcard: z.boolean() }).meta({ id: 'Permission' });

export const roleSchema = z
  .object({
    id: uuid,
    name: z.string(),
    description: z.string().nullable(),
    type: z.enum(['SYSTEM', 'TENANT', 'CUSTOM']),
    level,
    permissions: z.array(z.string()),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Role' });

export const roleAssignmentSchema = z
  .object({
    id: uuid,
    roleId: uuid,
    role: z.string(),
    level,
    accountId: uuid.nullable(),
    assignedAt: isoDateTime,
    assignedBy: uuid.nullable(),
    expiresAt: isoDateTime.nullable(),
  })
  .meta({ id: 'RoleAssignment' });

export const permissionGrantSchema = z
  .object({
    id: uuid,
    permission: z.string(),
    granted: z.boolean(),
    accountId: uuid.nullable(),
    assignedAt: isoDateTime,
    assignedBy: uuid.nullable(),
    expiresAt: isoDateTime.nullable(),
  })
  .meta({ id: 'PermissionGrant' });

export const userGrantsSchema = z.object({ roles: z.array(roleAssignmentSchema), permissions: z.array(permissionGrantSchema) }).meta({ id: 'UserGrants' });

export const effectivePermissionsSchema = z
  .object({
    tenant: z.array(z.string()).describe('Catalog permissions held tenant-wide'),
    accounts: z
      .array(z.object({ accountId: uuid, permissions: z.array(z.string()) }))
      .describe('Everything the caller may do inside each account where they have account-scoped grants or a membership (tenant-wide permissions included)'),
  })
  .meta({ id: 'EffectivePermissions' });
