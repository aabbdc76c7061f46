import { join } from 'node:path';
import multipart, { type MultipartFile, type MultipartValue } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, tenantScope } from '../../core/context';
import { type ErrorCode, validationFailed } from '../../core/errors';
import { pageOf, queryBoolean, uuid } from '../../http/kit/schemas';
import type { Api, RouteModule } from '../../http/kit/types';
import { purgeMedia, restoreMedia, trashMedia, updateMedia } from './change-media';
import type { MediaDeps } from './deps';
import { type Download, downloadMedia } from './download-media';
import { getMedia, type LibraryScope, listMedia, listMediaFolders, mediaStorageUsage } from './read-media';
import { folderSchema, listMediaQuery, mediaFileSchema, storageUsageSchema, updateMediaBody } from './schemas';
import { createStorage } from './storage';
import { uploadMedia } from './upload-media';

const mediaParams = z.strictObject({ mediaId: uuid });
const accountParams = z.strictObject({ accountId: uuid });
const accountMediaParams = z.strictObject({ accountId: uuid, mediaId: uuid });
const deleteQuery = z.strictObject({
  permanent: queryBoolean.optional().describe('true: delete for good (frees the quota; refused while the file is in use). Default: into the trash'),
});
const foldersSchema = z.object({ data: z.array(folderSchema) });
const TEXT_FIELDS = ['title', 'alt', 'caption', 'folder'] as const;

/** What an upload can answer beyond its tier (size limits and refused types are every route's). */
const UPLOAD_ERRORS: ErrorCode[] = ['STORAGE_QUOTA_EXCEEDED', 'EMPTY_FILE', 'MEDIA_UNREADABLE', 'MEDIA_LOCATION_NOT_REMOVABLE'];
/** A download of a file that is missing or not the caller's to read, or whose stored bytes are gone. */
const DOWNLOAD_ERRORS: ErrorCode[] = ['MEDIA_NOT_FOUND', 'MEDIA_BYTES_MISSING'];

const uploadDescription = `Send \`multipart/form-data\` with one file part (any field name, e.g. \`file\`) and, optionally,
text fields \`title\`, \`alt\`, \`caption\`, \`folder\` and \`tags\` (repeated, or comma-separated), before or after the file.
The type is detected from the bytes and must be on the tenant's allow-list (415 otherwise); the file is cut off
at the size limit (413), and the owner's storage quota applies (413 STORAGE_QUOTA_EXCEEDED).
**201** with the new file, or **200** with the existing one when the same owner already has these exact bytes.`;

const downloadDescription = `The bytes, with \`Content-Type\` (detected at upload), \`ETag\` (the content hash),
\`If-None-Match\` (304), single byte \`Range\`s (206, 416 past the end) and \`If-Range\`.
Anyone may download a file that published content shows; otherwise the caller's session must be allowed to read it
(own personal files, \`account.media.read\` in its account, \`tenant.media.read\`, or a party of an application or
message that attaches it). Everything else is 404.`;

/** One multipart text field into the details object; unknown or oversized fields are a 400. */
function addField(details: Record<string, unknown>, part: MultipartValue): void {
  const name = part.fieldname;
  if (part.valueTruncated) throw validationFailed(`The field ${name} is too long`, [{ path: name, message: 'is too long' }]);
  const value = String(part.value ?? '');
  // PostgreSQL cannot store NUL in text: refused here like in JSON bodies (app/nul-guard.ts).
  if (name.includes('\u0000') || value.includes('\u0000')) {
    throw validationFailed(`The field ${name.replaceAll('\u0000', '\\u0000')} contains the NUL character`, [
      { path: name, message: 'must not contain the NUL character' },
    ]);
  }
  if (name === 'tags') {
    const tags = value
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    details.tags = [...((details.tags as string[] | undefined) ?? []), ...tags];
  } else if ((TEXT_FIELDS as readonly string[]).includes(name)) {
    if (name in details) throw validationFailed(`The field ${name} is given twice`, [{ path: name, message: 'is given twice' }]);
    details[name] = value.trim() === '' ? null : value;
  } else {
    throw validationFailed(`Unknown upload field ${name}`, [
      { path: name, message: `is not a field of an upload (${[...TEXT_FIELDS, 'tags'].join(', ')} and one file)` },
    ]);
  }
}

/**
 * Walks the multipart body up to its file part; the fields before it are returned, the
 * ones after it are read by `rest()` once the service has consumed the file.
 */
async function fileAndFields(request: FastifyRequest) {
  const parts = request.parts()[Symbol.asyncIterator]();
  const fields: Record<string, unknown> = {};
  for (;;) {
    const next = await parts.next();
    if (next.done) throw validationFailed('The upload has no file', [{ path: 'file', message: 'is required' }]);
    const part = next.value;
    if (part.type === 'file') {
      const rest = async () => {
        const more: Record<string, unknown> = { ...fields };
        for (let n = await parts.next(); !n.done; n = await parts.next()) addField(more, n.value as MultipartValue);
        return Object.fromEntries(Object.entries(more).filter(([key]) => !(key in fields) || key === 'tags'));
      };
      return { file: part as MultipartFile, fields, rest };
    }
    addField(fields, part);
  }
}

async function upload(deps: MediaDeps, request: FastifyRequest, reply: FastifyReply, accountId: string | null) {
  try {
    const { file, fields, rest } = await fileAndFields(request);
    const result = await uploadMedia(deps, request.ctx, {
      ...fields,
      stream: file.file,
      filename: file.filename,
      declaredType: file.mimetype,
      accountId,
      moreDetails: rest,
    });
    return reply
      .status(result.deduplicated ? 200 : 201)
      .header('location', result.file.url)
      .send(result.file);
  } catch (error) {
    // The rest of a refused upload is not worth reading: end the connection after the answer.
    if (!request.raw.readableEnded) reply.header('connection', 'close');
    throw error;
  }
}

function send(reply: FastifyReply, download: Download) {
  reply.status(download.status).headers(download.headers);
  return download.body ? reply.send(download.body) : reply.send();
}

interface Library {
  /** '/api/v1/user/media' or '/api/v1/account/:accountId/media' */
  base: string;
  permission: 'user.media' | 'account.media';
  /** Whose library, for summaries: "my personal" / "the account’s". */
  whose: string;
  params: z.ZodObject;
  itemParams: z.ZodObject;
  query: z.ZodObject;
  /** The library a request addresses: the caller's own files, or the account's. */
  scopeOf: (request: FastifyRequest) => LibraryScope;
}

/** The routes of one library (a person's personal files, or an account's), the same for both tiers. */
function libraryRoutes(app: Api, deps: MediaDeps, lib: Library) {
  const tags = ['Media'];
  const scope = lib.scopeOf;
  const mediaId = (request: FastifyRequest) => (request.params as { mediaId: string }).mediaId;
  const item = `${lib.base}/:mediaId`;

  app.get(
    lib.base,
    {
      config: { permission: `${lib.permission}.read` },
      schema: {
        tags,
        summary: `${lib.whose} files (newest first; filters; ?trashed=true for the trash)`,
        params: lib.params,
        querystring: lib.query,
        response: { 200: pageOf(mediaFileSchema) },
      },
    },
    async (request) => listMedia(deps, request.ctx, scope(request), request.query as z.output<typeof listMediaQuery>),
  );
  app.get(
    `${lib.base}/folders`,
    {
      config: { permission: `${lib.permission}.read` },
      schema: { tags, summary: `The folders of ${lib.whose.toLowerCase()} files`, params: lib.params, response: { 200: foldersSchema } },
    },
    async (request) => ({ data: await listMediaFolders(deps, request.ctx, scope(request)) }),
  );
  app.get(
    `${lib.base}/usage`,
    {
      config: { permission: `${lib.permission}.read` },
      schema: { tags, summary: `Storage used by ${lib.whose.toLowerCase()} files, and the limit`, params: lib.params, response: { 200: storageUsageSchema } },
    },
    async (request) => mediaStorageUsage(deps, request.ctx, scope(request)),
  );
  app.get(
    item,
    {
      config: { permission: `${lib.permission}.read`, errors: ['MEDIA_NOT_FOUND'] },
      schema: { tags, summary: `One of ${lib.whose.toLowerCase()} files`, params: lib.itemParams, response: { 200: mediaFileSchema } },
    },
    async (request) => getMedia(deps, request.ctx, mediaId(request), scope(request)),
  );
  app.patch(
    item,
    {
      config: { permission: `${lib.permission}.update`, errors: ['MEDIA_NOT_FOUND'] },
      schema: {
        tags,
        summary: 'Change title, alt text, caption, folder (move) or tags; null clears',
        params: lib.itemParams,
        body: updateMediaBody,
        response: { 200: mediaFileSchema },
      },
    },
    async (request) => updateMedia(deps, request.ctx, mediaId(request), request.body, scope(request)),
  );
  app.delete(
    item,
    {
      config: { permission: `${lib.permission}.delete`, errors: ['MEDIA_NOT_FOUND', 'MEDIA_IN_USE'] },
      schema: {
        tags,
        summary: 'Move a file to the trash, or delete it for good (?permanent=true); 409 while it is in use',
        params: lib.itemParams,
        querystring: deleteQuery,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      if (request.query.permanent) await purgeMedia(deps, request.ctx, mediaId(request), scope(request));
      else await trashMedia(deps, request.ctx, mediaId(request), scope(request));
      return reply.status(204).send();
    },
  );
  app.post(
    `${item}/restore`,
    {
      config: { permission: `${lib.permission}.delete`, errors: ['MEDIA_NOT_FOUND', 'MEDIA_DUPLICATE'] },
      schema: { tags, summary: 'Take a file out of the trash', params: lib.itemParams, response: { 200: mediaFileSchema } },
    },
    async (request) => restoreMedia(deps, request.ctx, mediaId(request), scope(request)),
  );
}

/**
 * Media routes: uploads and the library of the caller (user tier) and of an account,
 * the tenant-wide list, and downloads (public tier: one URL for everybody, answered
 * according to who asks).
 */
export const mediaRoutes: RouteModule = (app, routeDeps) => {
  const deps: MediaDeps = {
    db: routeDeps.db,
    storage: createStorage(routeDeps.config),
    maxUploadBytes: routeDeps.config.maxUploadBytes,
    tempDir: join(routeDeps.config.dataDir, 'tmp', 'uploads'),
    onCleanupError: (error, what) => app.log.warn({ err: error }, `media: could not clean up ${what}`),
  };
  const tags = ['Media'];

  // ── uploads (multipart, in their own scope so other routes keep JSON only) ─────────
  app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: deps.maxUploadBytes + 1, files: 1, fields: 20, fieldSize: 16 * 1024, parts: 30, headerPairs: 100 },
    });
    const api = scope.withTypeProvider<ZodTypeProvider>();
    const responses = { 200: mediaFileSchema, 201: mediaFileSchema };
    api.post(
      '/api/v1/user/media',
      {
        config: { permission: 'user.media.create', errors: UPLOAD_ERRORS },
        schema: {
          tags,
          summary: 'Upload a file to my personal library',
          description: uploadDescription,
          consumes: ['multipart/form-data'],
          response: responses,
        },
      },
      (request, reply) => upload(deps, request, reply, null),
    );
    api.post(
      '/api/v1/account/:accountId/media',
      {
        config: { permission: 'account.media.create', errors: UPLOAD_ERRORS },
        schema: {
          tags,
          summary: 'Upload a file to the account’s library',
          description: uploadDescription,
          consumes: ['multipart/form-data'],
          params: accountParams,
          response: responses,
        },
      },
      (request, reply) => upload(deps, request, reply, request.params.accountId),
    );
  });

  libraryRoutes(app, deps, {
    base: '/api/v1/user/media',
    permission: 'user.media',
    whose: 'My personal',
    params: z.strictObject({}),
    itemParams: mediaParams,
    query: listMediaQuery.omit({ accountId: true, uploaderId: true }),
    scopeOf: (request) => ({ kind: 'own', userId: requireActor(request.ctx).userId }),
  });
  libraryRoutes(app, deps, {
    base: '/api/v1/account/:accountId/media',
    permission: 'account.media',
    whose: 'The account’s',
    params: accountParams,
    itemParams: accountMediaParams,
    query: listMediaQuery.omit({ accountId: true }),
    scopeOf: (request) => ({ kind: 'account', accountId: (request.params as { accountId: string }).accountId }),
  });

  // ── the whole tenant ───────────────────────────────────────────────────────────
  app.get(
    '/api/v1/tenant/media',
    {
      config: { permission: 'tenant.media.read' },
      schema: {
        tags,
        summary: 'Every file of the tenant (filters: account, uploader, folder, tag, type)',
        querystring: listMediaQuery,
        response: { 200: pageOf(mediaFileSchema) },
      },
    },
    async (request) => listMedia(deps, request.ctx, tenantScope, request.query),
  );
  app.get(
    '/api/v1/tenant/media/:mediaId',
    {
      config: { permission: 'tenant.media.read', errors: ['MEDIA_NOT_FOUND'] },
      schema: { tags, summary: 'Any file of the tenant', params: mediaParams, response: { 200: mediaFileSchema } },
    },
    async (request) => getMedia(deps, request.ctx, request.params.mediaId),
  );

  // ── downloads ────────────────────────────────────────────────────────────────
  const summaries = {
    original: 'Download a file',
    thumbnail: 'Download the thumbnail of an image (WebP, at most 400×400)',
    card: 'Download the card-size variant of an image (WebP, 640×480 cropped to fill; made on the first request, then kept)',
  } as const;
  for (const variant of ['original', 'thumbnail', 'card'] as const) {
    app.get(
      variant === 'original' ? '/api/v1/public/media/:mediaId' : `/api/v1/public/media/:mediaId/${variant}`,
      {
        config: { permission: 'public.media.read', errors: variant === 'card' ? [...DOWNLOAD_ERRORS, 'MEDIA_UNREADABLE'] : DOWNLOAD_ERRORS },
        schema: {
          tags,
          summary: summaries[variant],
          description: downloadDescription,
          params: mediaParams,
        },
      },
      async (request, reply) => send(reply, await downloadMedia(deps, request.ctx, request.params.mediaId, { ...conditions(request), variant })),
    );
  }
};

function conditions(request: FastifyRequest) {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  return { range: header('range'), ifRange: header('if-range'), ifNoneMatch: header('if-none-match') };
}
