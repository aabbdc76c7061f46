import type { RouteModule } from '../../http/kit/types';
import { listTenantMail } from './read-tenant-mail';
import { mailPageSchema, tenantMailQuery } from './schemas';

/** The outbox for tenant administrators: what was sent to their people, and how delivery went. */
export const mailRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/tenant/mail',
    {
      config: { permission: 'tenant.mail.read' },
      schema: {
        tags: ['Mail'],
        summary: 'The tenant’s e-mails and their delivery status, newest first',
        description:
          'Every e-mail Mono sent or is sending for the tenant: recipient, subject, kind, status (queued, sending, sent, failed), attempts and the last error. The text is not shown: it holds sign-in links. Pages continue with ?cursor=.',
        querystring: tenantMailQuery,
        response: { 200: mailPageSchema },
      },
    },
    async (request) => listTenantMail(deps, request.ctx, request.query),
  );
};
