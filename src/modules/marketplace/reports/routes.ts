import { z } from 'zod';
import { bindUseCases } from '../../../core/use-case';
import { pageOf, uuid } from '../../../http/kit/schemas';
import type { RouteModule } from '../../../http/kit/types';
import { createReport, dismissReport, reportQueue, resolveReport } from './reports';
import { reportCreateSchema, reportDismissSchema, reportListQuerySchema, reportResolveSchema, reportResponse } from './schemas';

const tags = ['Reports'];
const reportParams = z.strictObject({ reportId: uuid });

/** Reports by users (user tier) and the moderators' queue (tenant tier). */
export const reportRoutes: RouteModule = (app, deps) => {
  const reports = bindUseCases({ db: deps.db }, { create: createReport, queue: reportQueue, resolve: resolveReport, dismiss: dismissReport });

  app.post(
    '/api/v1/user/reports',
    {
      config: { permission: 'user.reports.create', errors: ['UNKNOWN_REPORT_TARGET', 'ALREADY_REPORTED'] },
      schema: {
        tags,
        summary: 'Report a listing, a person, a message or a review to the moderators',
        description:
          'Something you can see: an active listing, a person, a message of your own conversations, a visible review (422 UNKNOWN_REPORT_TARGET otherwise). ' +
          'One open report per target (409 ALREADY_REPORTED).',
        body: reportCreateSchema,
        response: { 201: reportResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await reports.create(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/tenant/reports',
    {
      config: { permission: 'tenant.reports.read' },
      schema: {
        tags,
        summary: 'The moderation queue: reports by status and target, newest first',
        querystring: reportListQuerySchema,
        response: { 200: pageOf(reportResponse) },
      },
    },
    async (request) => reports.queue(request.ctx, request.query),
  );

  app.post(
    '/api/v1/tenant/reports/:reportId/resolve',
    {
      config: { permission: 'tenant.reports.moderate', errors: ['REPORT_NOT_FOUND', 'REPORT_CLOSED'] },
      schema: {
        tags,
        summary: 'Resolve an open report, optionally hiding its target',
        description:
          '`hideTarget`: a listing is held down (paused; only a moderator resumes it), a review hidden (the note is its reason), a message removed, a person deactivated. ' +
          'The report and the target’s change are in the audit trail.',
        params: reportParams,
        body: reportResolveSchema,
        response: { 200: reportResponse },
      },
    },
    async (request) => reports.resolve(request.ctx, request.params.reportId, request.body),
  );

  app.post(
    '/api/v1/tenant/reports/:reportId/dismiss',
    {
      config: { permission: 'tenant.reports.moderate', errors: ['REPORT_NOT_FOUND', 'REPORT_CLOSED'] },
      schema: { tags, summary: 'Dismiss an open report', params: reportParams, body: reportDismissSchema, response: { 200: reportResponse } },
    },
    async (request) => reports.dismiss(request.ctx, request.params.reportId, request.body),
  );
};
