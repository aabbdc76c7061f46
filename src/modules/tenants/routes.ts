import { z } from 'zod';
import { pageOf, uuid } from '../../http/kit/schemas';
import type { BaseDeps, RouteModule } from '../../http/kit/types';
import type { TenantResolver } from '../access';
import { userSchema } from '../identity';
import { createTenant } from './create-tenant';
import type { TenantDeps } from './deps';
import { getOwnTenant, getPublicTenant, updateOwnTenantSettings } from './own-tenant';
import { activateTenant, deleteTenant, getTenant, listTenants, suspendTenant, updateTenant } from './platform-tenants';
import { createTenantBody, listTenantsQuery, publicTenantSchema, tenantSchema, updateTenantBody, updateTenantSettingsBody } from './schemas';

const tenantParams = z.strictObject({ tenantId: uuid });

/** Tenants: platform operators manage them; a tenant's admins manage its settings. */
export const tenantRoutes: RouteModule<BaseDeps & { tenants: TenantResolver }> = (app, deps) => {
  const tenants: TenantDeps = { db: deps.db, config: deps.config, resolver: deps.tenants };

  app.get(
    '/api/v1/platform/tenants',
    {
      config: { permission: 'platform.tenants.read' },
      schema: { tags: ['Platform: tenants'], summary: 'List tenants', querystring: listTenantsQuery, response: { 200: pageOf(tenantSchema) } },
    },
    async (request) => listTenants(tenants, request.ctx, request.query),
  );

  app.post(
    '/api/v1/platform/tenants',
    {
      config: { permission: 'platform.tenants.create', errors: ['TENANT_IDENTIFIER_TAKEN', 'UNKNOWN_SEARCH_LANGUAGE', 'WEAK_PASSWORD'] },
      schema: {
        tags: ['Platform: tenants'],
        summary: 'Create a tenant with its first administrator',
        body: createTenantBody,
        response: { 201: z.object({ tenant: tenantSchema, admin: userSchema }) },
      },
    },
    async (request, reply) => reply.status(201).send(await createTenant(tenants, request.ctx, request.body)),
  );

  app.get(
    '/api/v1/platform/tenants/:tenantId',
    {
      config: { permission: 'platform.tenants.read', errors: ['TENANT_NOT_FOUND'] },
      schema: { tags: ['Platform: tenants'], summary: 'One tenant', params: tenantParams, response: { 200: tenantSchema } },
    },
    async (request) => getTenant(tenants, request.ctx, request.params.tenantId),
  );

  app.patch(
    '/api/v1/platform/tenants/:tenantId',
    {
      config: { permission: 'platform.tenants.update', errors: ['TENANT_NOT_FOUND', 'UNKNOWN_SEARCH_LANGUAGE'] },
      schema: {
        tags: ['Platform: tenants'],
        summary: 'Change name, plan, plan expiry, features or settings',
        params: tenantParams,
        body: updateTenantBody,
        response: { 200: tenantSchema },
      },
    },
    async (request) => updateTenant(tenants, request.ctx, request.params.tenantId, request.body),
  );

  app.post(
    '/api/v1/platform/tenants/:tenantId/suspend',
    {
      config: { permission: 'platform.tenants.update', errors: ['PLATFORM_TENANT_PROTECTED', 'TENANT_DELETED', 'TENANT_NOT_FOUND'] },
      schema: {
        tags: ['Platform: tenants'],
        summary: 'Suspend a tenant (its users get 403 TENANT_SUSPENDED)',
        params: tenantParams,
        response: { 200: tenantSchema },
      },
    },
    async (request) => suspendTenant(tenants, request.ctx, request.params.tenantId),
  );

  app.post(
    '/api/v1/platform/tenants/:tenantId/activate',
    {
      config: { permission: 'platform.tenants.update', errors: ['TENANT_DELETED', 'TENANT_NOT_FOUND'] },
      schema: { tags: ['Platform: tenants'], summary: 'Activate a tenant', params: tenantParams, response: { 200: tenantSchema } },
    },
    async (request) => activateTenant(tenants, request.ctx, request.params.tenantId),
  );

  app.delete(
    '/api/v1/platform/tenants/:tenantId',
    {
      config: { permission: 'platform.tenants.delete', errors: ['PLATFORM_TENANT_PROTECTED', 'TENANT_NOT_FOUND'] },
      schema: {
        tags: ['Platform: tenants'],
        summary: 'Delete a tenant (soft: INACTIVE, identifier free again)',
        params: tenantParams,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await deleteTenant(tenants, request.ctx, request.params.tenantId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/tenant/settings',
    {
      config: { permission: 'tenant.settings.read' },
      schema: { tags: ['Tenant settings'], summary: 'This tenant and its settings', response: { 200: tenantSchema } },
    },
    async (request) => getOwnTenant(tenants, request.ctx),
  );

  app.patch(
    '/api/v1/tenant/settings',
    {
      config: { permission: 'tenant.settings.update', errors: ['UNKNOWN_SEARCH_LANGUAGE'] },
      schema: {
        tags: ['Tenant settings'],
        summary: 'Change the tenant’s name or settings',
        description:
          'Known settings: `registration` ("open" | "closed"), `accountCreation` ("open" | "admin"), `branding` (shown publicly), `search.language` (a PostgreSQL text-search configuration such as "german" or "simple"; default english; a change re-indexes the tenant’s listings and content in the same transaction; an unknown one is 422 UNKNOWN_SEARCH_LANGUAGE naming the available ones), and the media settings documented in docs/media.md. Settings are replaced as a whole.',
        body: updateTenantSettingsBody,
        response: { 200: tenantSchema },
      },
    },
    async (request) => updateOwnTenantSettings(tenants, request.ctx, request.body),
  );

  app.get(
    '/api/v1/public/tenant',
    {
      config: { permission: 'public.tenant.read' },
      schema: { tags: ['Public'], summary: 'The public face of the tenant named by X-Tenant', response: { 200: publicTenantSchema } },
    },
    async (request) => getPublicTenant(tenants, request.ctx),
  );
};
