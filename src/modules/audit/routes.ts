import { z } from 'zod';
import { uuid } from '../../http/kit/schemas';
import type { RouteModule } from '../../http/kit/types';
import { createJobStatusService, jobStatusSchema } from '../jobs';
import { createStorage } from '../media';
import { createErasureService } from './erasure';
import { auditHistoryParams, auditHistoryQuery, auditListQuery, auditPageSchema, erasureResultSchema, platformAuditListQuery } from './schemas';
import { createAuditService } from './service';

/** The audit trail for tenant administrators and platform operators, erasure, job status. */
export const auditRoutes: RouteModule = (app, deps) => {
  const audit = createAuditService({ db: deps.db, platformTenant: deps.config.platformTenant });
  const erasure = createErasureService({
    db: deps.db,
    storage: createStorage(deps.config),
    onCleanupError: (error, what) => app.log.warn({ err: error }, `erasure: could not delete ${what}`),
  });
  const jobs = createJobStatusService({ db: deps.db });

  app.get(
    '/api/v1/tenant/audit',
    {
      config: { permission: 'tenant.audit.read' },
      schema: {
        tags: ['Audit'],
        summary: 'The tenant’s audit trail, newest first',
        description:
          'Every change to the tenant’s data: who (user id and display name; null for the system), what (resource, record, action, one entry per changed field), when, from where (request id, IP address, user agent). Filters combine; pages continue with ?cursor=.',
        querystring: auditListQuery,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => audit.list(request.ctx, request.query),
  );

  app.get(
    '/api/v1/tenant/audit/:resource/:resourceId',
    {
      config: { permission: 'tenant.audit.read', errors: ['AUDIT_HISTORY_NOT_FOUND'] },
      schema: {
        tags: ['Audit'],
        summary: 'The history of one record, newest first, field by field',
        description: 'resource is the table name as in the trail (e.g. listings, users, accounts). 404 when the tenant has no entry about this record.',
        params: z.strictObject({ resource: auditHistoryParams.shape.resource, resourceId: auditHistoryParams.shape.id }),
        querystring: auditHistoryQuery,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => audit.history(request.ctx, { resource: request.params.resource, id: request.params.resourceId }, request.query),
  );

  app.post(
    '/api/v1/tenant/users/:userId/erase',
    {
      config: { permission: 'tenant.users.erase', errors: ['NOT_ON_YOURSELF', 'PRIVILEGE_ESCALATION', 'USER_NOT_FOUND'] },
      schema: {
        tags: ['Users'],
        summary: 'Erase a person’s personal data (right to erasure)',
        description:
          'Deletes or anonymises everything that identifies the person — account, profile, sessions, tokens, their message bodies and cover letters, mails to them — and erases their values and IP addresses from the audit trail, whose entries stay (keys kept, values "[erased]") and whose hash chain still verifies. Mentions in other people’s text that could be someone else are listed for review. Cannot be undone.',
        params: z.strictObject({ userId: uuid }),
        response: { 200: erasureResultSchema },
      },
    },
    async (request) => erasure.eraseUser(request.ctx, { user: request.params.userId }),
  );

  app.get(
    '/api/v1/platform/audit',
    {
      config: { permission: 'platform.audit.read', errors: ['TENANT_NOT_FOUND'] },
      schema: {
        tags: ['Platform: audit'],
        summary: 'Audit trails across tenants, newest first',
        description:
          'The same filters as the tenant audit, over every tenant or one (?tenant= id or identifier). Platform operators acting in a tenant appear with their name here.',
        querystring: platformAuditListQuery,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => audit.listAcrossTenants(request.ctx, request.query),
  );

  app.get(
    '/api/v1/platform/jobs',
    {
      config: { permission: 'platform.jobs.read' },
      schema: {
        tags: ['Platform: jobs'],
        summary: 'Background jobs and their last runs',
        response: { 200: z.object({ data: z.array(jobStatusSchema) }) },
      },
    },
    async (request) => ({ data: await jobs.list(request.ctx) }),
  );
};
