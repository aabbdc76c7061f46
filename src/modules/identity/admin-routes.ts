import { z } from 'zod';
import { pageOf, uuid } from '../../http/kit/schemas';
import type { BaseDeps, RouteModule } from '../../http/kit/types';
import type { Mailer } from '../mail';
import { displayName, email, password, username, userSchema } from './schemas';
import { createUsersService } from './users-service';

const userParams = z.strictObject({ userId: uuid });

/** Tenant administration of users. */
export const userAdminRoutes: RouteModule<BaseDeps & { mailer: Mailer }> = (app, deps) => {
  const users = createUsersService(deps);

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
    async (request) => users.list(request.ctx, request.query),
  );

  app.post(
    '/api/v1/tenant/users',
    {
      config: { permission: 'tenant.users.create', errors: ['UNKNOWN_ROLE'] },
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
    async (request, reply) => reply.status(201).send(await users.create(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/tenant/users/:userId',
    {
      config: { permission: 'tenant.users.read', errors: ['USER_NOT_FOUND'] },
      schema: { tags: ['Users'], summary: 'One user', params: userParams, response: { 200: userSchema } },
    },
    async (request) => users.get(request.ctx, request.params.userId),
  );

  app.patch(
    '/api/v1/tenant/users/:userId',
    {
      config: { permission: 'tenant.users.update', errors: ['USERNAME_TAKEN', 'USER_NOT_FOUND'] },
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
    async (request) => users.update(request.ctx, request.params.userId, request.body),
  );

  app.post(
    '/api/v1/tenant/users/:userId/deactivate',
    {
      config: { permission: 'tenant.users.update', errors: ['NOT_ON_YOURSELF', 'USER_NOT_FOUND'] },
      schema: { tags: ['Users'], summary: 'Deactivate a user (signs them out everywhere)', params: userParams, response: { 200: userSchema } },
    },
    async (request) => users.deactivate(request.ctx, request.params.userId),
  );

  app.post(
    '/api/v1/tenant/users/:userId/reactivate',
    {
      config: { permission: 'tenant.users.update', errors: ['USER_NOT_FOUND'] },
      schema: { tags: ['Users'], summary: 'Reactivate a user', params: userParams, response: { 200: userSchema } },
    },
    async (request) => users.reactivate(request.ctx, request.params.userId),
  );

  app.delete(
    '/api/v1/tenant/users/:userId',
    {
      config: { permission: 'tenant.users.delete', errors: ['USER_NOT_FOUND'] },
      schema: {
        tags: ['Users'],
        summary: 'Delete a user (soft: hidden, signed out, e-mail address free again)',
        params: userParams,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await users.remove(request.ctx, request.params.userId);
      return reply.status(204).send();
    },
  );
};
