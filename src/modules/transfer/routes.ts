import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { uuid } from '../../http/kit/schemas';
import type { RouteModule } from '../../http/kit/types';
import { createStorage } from '../media';
import { ownExportParams, userExportParams, userExportSchema } from './personal/schemas';
import { downloadExport, type ExportDownload, getExport, requestExportFor, requestOwnExport } from './personal/user-exports';

const tags = ['Data export'];

const requestDescription = `Queues an archive (zip) of the person's data: one JSON file per kind — account, profile,
sessions, memberships, roles, applications, messages, bookings, availability, reviews, engagement,
activity, mails sent to them, the history of their account records — and the files of their
personal library. Everything erasure would remove is in it; other people appear only as the API
shows them to the person (id, public display name). It is built in the background; its status
says when it is READY (an e-mail says so too), then it can be downloaded for 7 days. One export
per person at a time: 409 EXPORT_ALREADY_RUNNING while one is waiting or being built.`;

const downloadDescription =
  'The zip archive (`Content-Disposition: attachment`). 409 EXPORT_NOT_READY while it is being built or when it failed, 410 EXPORT_EXPIRED once its time is up.';

function sendArchive(reply: FastifyReply, download: ExportDownload) {
  reply
    .status(200)
    .header('content-type', 'application/zip')
    .header('content-length', String(download.size))
    .header('content-disposition', `attachment; filename="${download.filename}"`)
    .header('cache-control', 'private, no-store');
  if (download.sha256) reply.header('etag', `"${download.sha256}"`);
  return reply.send(download.body);
}

/** Personal data exports (GDPR art. 15/20): one's own, and a tenant administrator's for a person. */
export const transferRoutes: RouteModule = (app, routeDeps) => {
  const deps = {
    db: routeDeps.db,
    storage: createStorage(routeDeps.config),
    tempDir: join(routeDeps.config.dataDir, 'tmp', 'exports'),
  };

  app.post(
    '/api/v1/user/export',
    {
      config: { permission: 'user.exports.create', errors: ['EXPORT_ALREADY_RUNNING'] },
      schema: { tags, summary: 'Ask for an archive of my personal data', description: requestDescription, response: { 202: userExportSchema } },
    },
    async (request, reply) => reply.status(202).send(await requestOwnExport(deps, request.ctx)),
  );
  app.post(
    '/api/v1/tenant/users/:userId/export',
    {
      config: { permission: 'tenant.users.export', errors: ['USER_NOT_FOUND', 'NOT_ON_YOURSELF', 'PRIVILEGE_ESCALATION', 'EXPORT_ALREADY_RUNNING'] },
      schema: {
        tags,
        summary: 'Ask for an archive of a person’s data, for them',
        description: `${requestDescription}\n\nThe request is audited (the export names who asked); the e-mail goes to the administrator who asked.`,
        params: z.strictObject({ userId: uuid }),
        response: { 202: userExportSchema },
      },
    },
    async (request, reply) => reply.status(202).send(await requestExportFor(deps, request.ctx, request.params)),
  );
  // Status and download: of one's own exports, and (administrators) of a person's.
  const readers = [
    { path: '/api/v1/user/export/:exportId', permission: 'user.exports.read', params: ownExportParams, whose: 'one of my data exports' },
    { path: '/api/v1/tenant/users/:userId/export/:exportId', permission: 'tenant.users.export', params: userExportParams, whose: 'a data export of a person' },
  ] as const;
  for (const reader of readers) {
    app.get(
      reader.path,
      {
        config: { permission: reader.permission, errors: ['EXPORT_NOT_FOUND'] },
        schema: { tags, summary: `The status of ${reader.whose}`, params: reader.params, response: { 200: userExportSchema } },
      },
      async (request) => getExport(deps, request.ctx, request.params),
    );
    app.get(
      `${reader.path}/download`,
      {
        config: { permission: reader.permission, errors: ['EXPORT_NOT_FOUND', 'EXPORT_NOT_READY', 'EXPORT_EXPIRED'] },
        schema: { tags, summary: `Download ${reader.whose}`, description: downloadDescription, params: reader.params },
      },
      async (request, reply) => sendArchive(reply, await downloadExport(deps, request.ctx, request.params)),
    );
  }
};
