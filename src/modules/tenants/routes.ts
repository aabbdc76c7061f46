import { z } from 'zod';
import { pageOf, uuid } from '../../http/kit/schemas';
import type { BaseDeps, RouteModule } from '../../http/kit/types';
import type { TenantResolver } from '../access';
import { userSchema } from '../identity';
import { createTenantBody, listTenantsQuery, publicTenantSchema, tenantSchema, updateTenantBody, updateTenantSettingsBody } from './schemas';
import { createTenantService } from './service';

const tenantParams = z.strictObject({ tenantId: uuid });

/** Tenants: platform operators manage them; a tenant's admins manage its settings. */
export const tenantRoutes: RouteModule<BaseDeps & { tenants: TenantResolver }> = (app, deps) => {
  const tenants = createTenantService({ db: deps.db, config: deps.config, resolver: deps.tenants });

  app.get(
    '/api/v1/platform/tenants',
    {
      config: { permission: 'platform.tenants.read' },
      schema: { tags: ['Platform: tenants'], summary: 'List tenants', querystring: listTenantsQuery, response: { 200: pageOf(tenantSchema) } },
    },
    async (request) => tenants.list(request.ctx, request.query),
  );

  app.post(
    '/api/v1/platform/tenants',
    {
      config: { permission: 'platform.tenants.create', errors: ['TENANT_IDENTIFIER_TAKEN', 'WEAK_PASSWORD'] },
      schema: {
        tags: ['Platform: tenants'],
        summary: 'Create a tenant with its first administrator',
        body: createTenantBody,
        response: { 201: z.object({ tenant: tenantSchema, admin: userSchema }) },
      },
    },
    async (request, reply) => reply.status(201).send(await tenants.create(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/platform/tenants/:tenantId',
    {
      config: { permission: 'platform.tenants.read', errors: ['TENANT_NOT_FOUND'] },
      schema: { tags: ['Platform: tenants'], summary: 'One tenant', params: tenantParams, response: { 200: tenantSchema } },
    },
    async (request) => tenants.get(request.ctx, request.params.tenantId),
  );

  app.patch(
    '/api/v1/platform/tenants/:tenantId',
    {
      config: { permission: 'platform.tenants.update', errors: ['TENANT_NOT_FOUND'] },
      schema: {
        tags: ['Platform: tenants'],
        summary: 'Change name, plan, plan expiry, features or settings',
        params: tenantParams,
        body: updateTenantBody,
        response: { 200: tenantSchema },
      },
    },
    async (request) => tenants.update(request.ctx, request.params.tenantId, request.body),
  );

  app.post(
    '/api/v1/platform/tenants/:tenantId/suspend',
    {
      config: { permission: 'platform.tenants.update', errors: ['PLATFORM_TENANT_PROTECTED', 'TENANT_NOT_FOUND'] },
      schema: {
        tags: ['Platform: tenants'],
        summary: 'Suspend a tenant (its users get 403 TENANT_SUSPENDED)',
        params: tenantParams,
        response: { 200: tenantSchema },
      },
    },
    async (request) => tenants.suspend(request.ctx, request.params.tenantId),
  );

  app.post(
    '/api/v1/platform/tenants/:tenantId/activate',
    {
      config: { permission: 'platform.tenants.update', errors: ['TENANT_NOT_FOUND'] },
      schema: { tags: ['Platform: tenants'], summary: 'Activate a tenant', params: tenantParams, response: { 200: tenantSchema } },
    },
    async (request) => tenants.activate(request.ctx, request.params.tenantId),
  );

  app.delete(
    '/api/v1/platform/tenants/:tenantId',
    {
      config: { permission: 'platform.tenants.delete', errors: ['TENANT_NOT_FOUND'] },
      schema: {
        tags: ['Platform: tenants'],
        summary: 'Delete a tenant (soft: INACTIVE, identifier free again)',
        params: tenantParams,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await tenants.remove(request.ctx, request.params.tenantId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/tenant/settings',
    {
      config: { permission: 'tenant.settings.read' },
      schema: { tags: ['Tenant settings'], summary: 'This tenant and its settings', response: { 200: tenantSchema } },
    },
    async (request) => tenants.getOwn(request.ctx),
  );

  app.patch(
    '/api/v1/tenant/settings',
    {
      config: { permission: 'tenant.settings.update' },
      schema: {
        tags: ['Tenant settings'],
        summary: 'Change the tenant’s name or settings',
        description:
          'Known settings: `registration` ("open" | "closed"), `accountCreation` ("open" | "admin"), `branding` (shown publicly), and the media settings documented in docs/media.md. Settings are replaced as a whole.',
        body: updateTenantSettingsBody,
        response: { 200: tenantSchema },
      },
    },
    async (request) => tenants.updateOwn(request.ctx, request.body),
  );

  app.get(
    '/api/v1/public/tenant',
    {
      config: { permission: 'public.tenant.read' },
      schema: { tags: ['Public'], summary: 'The public face of the tenant named by X-Tenant', response: { 200: publicTenantSchema } },
    },
    async (request) => tenants.getPublic(request.ctx),
  );
};
