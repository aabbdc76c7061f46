import { z } from 'zod';
import { pageOf, uuid } from '../../http/kit/schemas';
import type { RouteModule } from '../../http/kit/types';
import { changeUser, deactivateUser, deleteUser, reactivateUser, unlockUser } from './change-user';
import { createUser } from './create-user';
import type { IdentityDeps } from './deps';
import { getUser, listUsers } from './list-users';
import { displayName, email, password, username, userSchema } from './schemas';

const userParams = z.strictObject({ userId: uuid });

/** Tenant administration of users. */
export const userAdminRoutes: RouteModule<IdentityDeps> = (app, deps) => {
  app.get(
    '/api/v1/tenant/users',
    {
      config: { permission: 'tenant.users.read' },
      schema: {
        tags: ['Users'],
        summary: 'List and search users',
        querystring: z.strictObject({
          q: z.string().trim().min(1).max(100).optional().describe('Part of the e-mail, username or display name'),
          status: z.enum(['active', 'deactivated', 'deleted', 'all']).default('active'),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().min(1).max(1000).optional(),
        }),
        response: { 200: pageOf(userSchema) },
      },
    },
    async (request) => listUsers(deps, request.ctx, request.query),
  );

  app.post(
    '/api/v1/tenant/users',
    {
      config: { permission: 'tenant.users.create', errors: ['EMAIL_TAKEN', 'PRIVILEGE_ESCALATION', 'UNKNOWN_ROLE', 'USERNAME_TAKEN', 'WEAK_PASSWORD'] },
      schema: {
        tags: ['Users'],
        summary: 'Create or invite a user',
        description:
          'Without a password the user gets an invitation e-mail to choose one. Roles follow the escalation rules: you can only give roles whose permissions you hold.',
        body: z.strictObject({
          email,
          displayName,
          username: username.optional(),
          password: password.optional(),
          roles: z.array(z.string().max(64)).max(20).optional(),
        }),
        response: { 201: userSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(deps, request.ctx, request.body)),
  );

  app.get(
    '/api/v1/tenant/users/:userId',
    {
      config: { permission: 'tenant.users.read', errors: ['USER_NOT_FOUND'] },
      schema: { tags: ['Users'], summary: 'One user', params: userParams, response: { 200: userSchema } },
    },
    async (request) => getUser(deps, request.ctx, request.params.userId),
  );

  app.patch(
    '/api/v1/tenant/users/:userId',
    {
      config: { permission: 'tenant.users.update', errors: ['EMAIL_TAKEN', 'NOT_ON_YOURSELF', 'PRIVILEGE_ESCALATION', 'USERNAME_TAKEN', 'USER_NOT_FOUND'] },
      schema: {
        tags: ['Users'],
        summary: 'Change a user',
        params: userParams,
        body: z.strictObject({
          email: email.optional(),
          username: username.nullable().optional(),
          displayName: displayName.optional(),
          emailVerified: z.boolean().optional(),
        }),
        response: { 200: userSchema },
      },
    },
    async (request) => changeUser(deps, request.ctx, request.params.userId, request.body),
  );

  app.post(
    '/api/v1/tenant/users/:userId/deactivate',
    {
      config: { permission: 'tenant.users.update', errors: ['LAST_TENANT_ADMIN', 'NOT_ON_YOURSELF', 'PRIVILEGE_ESCALATION', 'USER_NOT_FOUND'] },
      schema: { tags: ['Users'], summary: 'Deactivate a user (signs them out everywhere)', params: userParams, response: { 200: userSchema } },
    },
    async (request) => deactivateUser(deps, request.ctx, request.params.userId),
  );

  app.post(
    '/api/v1/tenant/users/:userId/unlock',
    {
      config: { permission: 'tenant.users.update', errors: ['NOT_ON_YOURSELF', 'PRIVILEGE_ESCALATION', 'USER_NOT_FOUND'] },
      schema: {
        tags: ['Users'],
        summary: 'Lift sign-in delays and attempt limits',
        description: 'Forgets every counted sign-in attempt with the user’s address (from any IP), and their own-password and second-factor attempts.',
        params: userParams,
        response: { 200: userSchema },
      },
    },
    async (request) => unlockUser(deps, request.ctx, request.params.userId),
  );

  app.post(
    '/api/v1/tenant/users/:userId/reactivate',
    {
      config: { permission: 'tenant.users.update', errors: ['NOT_ON_YOURSELF', 'PRIVILEGE_ESCALATION', 'USER_NOT_FOUND'] },
      schema: { tags: ['Users'], summary: 'Reactivate a user', params: userParams, response: { 200: userSchema } },
    },
    async (request) => reactivateUser(deps, request.ctx, request.params.userId),
  );

  app.delete(
    '/api/v1/tenant/users/:userId',
    {
      config: { permission: 'tenant.users.delete', errors: ['LAST_TENANT_ADMIN', 'NOT_ON_YOURSELF', 'PRIVILEGE_ESCALATION', 'USER_NOT_FOUND'] },
      schema: {
        tags: ['Users'],
        summary: 'Delete a user (soft: hidden, signed out, e-mail address free again)',
        params: userParams,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await deleteUser(deps, request.ctx, request.params.userId);
      return reply.status(204).send();
    },
  );
};
