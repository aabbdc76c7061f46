import { z } from 'zod';
import { uuid } from '../../http/kit/schemas';
import type { RouteModule } from '../../http/kit/types';
import { effectivePermissions, listCatalog } from './catalog';
import { assignRole, grantPermission, listUserGrants, revokePermission, revokeRole } from './grants';
import { createRole, deleteRole, getRole, listRoles, setRolePermissions, updateRole } from './roles';
import {
  assignRoleBody,
  createRoleBody,
  effectivePermissionsSchema,
  grantPermissionBody,
  permissionGrantSchema,
  permissionSchema,
  roleAssignmentSchema,
  rolePermissionsBody,
  roleSchema,
  updateRoleBody,
  userGrantsSchema,
} from './schemas';

const roleParams = z.strictObject({ roleId: uuid });
const userParams = z.strictObject({ userId: uuid });

/** The permission catalog, roles and grants. */
export const rbacRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/platform/permissions',
    {
      config: { permission: 'platform.permissions.read' },
      schema: {
        tags: ['Permissions'],
        summary: 'The permission catalog, with the wildcard forms',
        response: { 200: z.object({ data: z.array(permissionSchema) }) },
      },
    },
    async (request) => ({ data: await listCatalog(deps, request.ctx) }),
  );

  app.get(
    '/api/v1/user/permissions',
    {
      config: { permission: 'user.permissions.read' },
      schema: { tags: ['Me'], summary: 'What I may do, tenant-wide and per account (for UIs)', response: { 200: effectivePermissionsSchema } },
    },
    async (request) => effectivePermissions(request.ctx),
  );

  app.get(
    '/api/v1/tenant/roles',
    {
      config: { permission: 'tenant.roles.read' },
      schema: { tags: ['Roles'], summary: 'Roles of this tenant with their permissions', response: { 200: z.object({ data: z.array(roleSchema) }) } },
    },
    async (request) => ({ data: await listRoles(deps, request.ctx) }),
  );

  app.post(
    '/api/v1/tenant/roles',
    {
      config: { permission: 'tenant.roles.create', errors: ['PLATFORM_PERMISSION', 'PRIVILEGE_ESCALATION', 'ROLE_NAME_TAKEN', 'UNKNOWN_PERMISSION'] },
      schema: {
        tags: ['Roles'],
        summary: 'Create a custom role',
        description: 'You can only put permissions into a role that you hold yourself, and not create a role above your own level.',
        body: createRoleBody,
        response: { 201: roleSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createRole(deps, request.ctx, request.body)),
  );

  app.get(
    '/api/v1/tenant/roles/:roleId',
    {
      config: { permission: 'tenant.roles.read', errors: ['ROLE_NOT_FOUND'] },
      schema: { tags: ['Roles'], summary: 'One role', params: roleParams, response: { 200: roleSchema } },
    },
    async (request) => getRole(deps, request.ctx, request.params.roleId),
  );

  app.patch(
    '/api/v1/tenant/roles/:roleId',
    {
      config: { permission: 'tenant.roles.update', errors: ['PRIVILEGE_ESCALATION', 'ROLE_NAME_TAKEN', 'ROLE_NOT_FOUND', 'SYSTEM_ROLE'] },
      schema: { tags: ['Roles'], summary: 'Rename or describe a custom role', params: roleParams, body: updateRoleBody, response: { 200: roleSchema } },
    },
    async (request) => updateRole(deps, request.ctx, request.params.roleId, request.body),
  );

  app.put(
    '/api/v1/tenant/roles/:roleId/permissions',
    {
      config: {
        permission: 'tenant.roles.update',
        errors: ['PLATFORM_PERMISSION', 'PRIVILEGE_ESCALATION', 'ROLE_NOT_FOUND', 'SYSTEM_ROLE', 'UNKNOWN_PERMISSION'],
      },
      schema: { tags: ['Roles'], summary: 'Replace a custom role’s permissions', params: roleParams, body: rolePermissionsBody, response: { 200: roleSchema } },
    },
    async (request) => setRolePermissions(deps, request.ctx, request.params.roleId, request.body.permissions),
  );

  app.delete(
    '/api/v1/tenant/roles/:roleId',
    {
      config: { permission: 'tenant.roles.delete', errors: ['PRIVILEGE_ESCALATION', 'ROLE_NOT_FOUND', 'SYSTEM_ROLE'] },
      schema: { tags: ['Roles'], summary: 'Delete a custom role (and its assignments)', params: roleParams, response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await deleteRole(deps, request.ctx, request.params.roleId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/tenant/users/:userId/grants',
    {
      config: { permission: 'tenant.grants.read', errors: ['USER_NOT_FOUND'] },
      schema: { tags: ['Grants'], summary: 'A user’s roles and direct permission grants/denies', params: userParams, response: { 200: userGrantsSchema } },
    },
    async (request) => listUserGrants(deps, request.ctx, request.params.userId),
  );

  app.post(
    '/api/v1/tenant/users/:userId/roles',
    {
      config: {
        permission: 'tenant.grants.manage',
        errors: [
          'ALREADY_ASSIGNED',
          'PLATFORM_PERMISSION',
          'PRIVILEGE_ESCALATION',
          'ROLE_NOT_FOUND',
          'SCOPE_NOT_ALLOWED',
          'UNKNOWN_REFERENCE',
          'USER_NOT_FOUND',
        ],
      },
      schema: {
        tags: ['Grants'],
        summary: 'Assign a role (tenant-wide or in one account, optionally until a time)',
        params: userParams,
        body: assignRoleBody,
        response: { 201: roleAssignmentSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await assignRole(deps, request.ctx, request.params.userId, request.body)),
  );

  app.delete(
    '/api/v1/tenant/users/:userId/roles/:assignmentId',
    {
      config: { permission: 'tenant.grants.manage', errors: ['LAST_TENANT_ADMIN', 'PRIVILEGE_ESCALATION', 'ROLE_ASSIGNMENT_NOT_FOUND'] },
      schema: {
        tags: ['Grants'],
        summary: 'Revoke a role assignment',
        params: z.strictObject({ userId: uuid, assignmentId: uuid }),
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await revokeRole(deps, request.ctx, request.params.userId, request.params.assignmentId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/tenant/users/:userId/permissions',
    {
      config: {
        permission: 'tenant.grants.manage',
        errors: [
          'ALREADY_GRANTED',
          'PLATFORM_PERMISSION',
          'PRIVILEGE_ESCALATION',
          'SCOPE_NOT_ALLOWED',
          'UNKNOWN_PERMISSION',
          'UNKNOWN_REFERENCE',
          'USER_NOT_FOUND',
        ],
      },
      schema: {
        tags: ['Grants'],
        summary: 'Grant or explicitly deny a permission (tenant-wide or in one account, optionally until a time)',
        description: 'An explicit deny (`granted: false`) beats every grant, wildcards included.',
        params: userParams,
        body: grantPermissionBody,
        response: { 201: permissionGrantSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await grantPermission(deps, request.ctx, request.params.userId, request.body)),
  );

  app.delete(
    '/api/v1/tenant/users/:userId/permissions/:grantId',
    {
      config: { permission: 'tenant.grants.manage', errors: ['GRANT_NOT_FOUND', 'PRIVILEGE_ESCALATION'] },
      schema: {
        tags: ['Grants'],
        summary: 'Revoke a permission grant or deny',
        params: z.strictObject({ userId: uuid, grantId: uuid }),
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await revokePermission(deps, request.ctx, request.params.userId, request.params.grantId);
      return reply.status(204).send();
    },
  );
};
