import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { RequestContext } from '../../core/context';
import { AppError, invalidCursor, validationFailed } from '../../core/errors';
import { isUuid, newId } from '../../core/ids';
import { decodeCursor, type Page, toPage } from '../../core/pagination';
import { changesOf, hasChanges } from '../../core/patch';
import type { Database } from '../../db/client';
import { withTenant } from '../../db/tenant-context';
import { processImage } from './images';
import { canInScope, canOnFile, canReadAsParty, inScope, type MediaAction, type MediaScope } from './policy';
import { mediaThumbnailUrl, mediaUrl, presentMedia } from './presenters';
import { etagOf, noneMatch, parseRange, rangeStillValid } from './range';
import * as repo from './repository';
import { listMediaQuery, type MediaDetails, type MediaFileView, type MediaSettings, mediaDetails, mediaSettings, updateMediaBody } from './schemas';
import { DEFAULT_ALLOWED_TYPES, IMAGE_TYPES, type Sniffed, sniffFile } from './sniff';
import { hashFile, removeQuietly, stageUpload } from './staging';
import { blobKey, type ObjectStorage, thumbnailKey } from './storage';

export interface MediaServiceDeps {
  db: Database;
  storage: ObjectStorage;
  /** The installation's cap per file (MAX_UPLOAD_BYTES); a tenant may only lower it. */
  maxUploadBytes: number;
  /** Where uploads are staged while they are checked (e.g. DATA_DIR/tmp/uploads). */
  tempDir: string;
  /** Told about failed clean-ups (storage unreachable); they never hide the caller's error. */
  onCleanupError?: (error: unknown, what: string) => void;
}

export interface UploadInput extends MediaDetails {
  /** The file's bytes, e.g. a multipart part piped straight through. */
  stream: Readable;
  /** The name the client gave the file (kept for display and downloads, sanitised). */
  filename: string;
  /** The type the client claimed; only used to explain a refusal. */
  declaredType?: string;
  /** Upload into this account's library; without it, into the caller's personal files. */
  accountId?: string | null;
  /**
   * Details that arrive after the bytes (multipart fields after the file part): read
   * once the file is staged, validated, and applied before anything is stored.
   */
  moreDetails?: () => Promise<Record<string, unknown>>;
}

export interface UploadResult {
  file: MediaFileView;
  /** The same owner already had these exact bytes: the existing file, unchanged. */
  deduplicated: boolean;
}

export interface DownloadOptions {
  variant?: 'original' | 'thumbnail';
  range?: string;
  ifRange?: string;
  ifNoneMatch?: string;
}

export interface Download {
  status: 200 | 206 | 304 | 416;
  headers: Record<string, string>;
  /** The bytes to send (null for 304 and 416). */
  body: Readable | null;
}

/** A file name fit for display and Content-Disposition: no path, no control or bidi characters. */
export function sanitizeFilename(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const limited = Array.from(clean).slice(0, 255).join('');
  return limited === '' || limited === '.' || limited === '..' ? 'file' : limited;
}

function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function unsupportedType(sniffed: Sniffed, allowed: readonly string[], declared: string | undefined): AppError {
  const claimed = declared && declared !== sniffed.detected ? ` (it was sent as ${declared})` : '';
  const message =
    sniffed.detected === 'image/svg+xml'
      ? 'SVG files are not accepted because they can carry scripts; upload a PNG or WebP instead'
      : `This file is ${sniffed.detected ? `of type ${sniffed.detected}` : 'of a type that could not be identified'}${claimed}, which is not accepted here. Accepted: ${allowed.join(', ')}`;
  return new AppError('UNSUPPORTED_MEDIA_TYPE', message, { extra: { detected: sniffed.detected, allowed } });
}

function parseWith<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
  value: unknown,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw validationFailed(`Invalid input: ${errors.map((e) => `${e.path || 'input'} ${e.message}`).join('; ')}`, errors);
}

/** The tenant's media settings; anything unreadable counts as not set. */
function readSettings(raw: unknown): MediaSettings {
  const parsed = mediaSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** By-id operations address any file of the tenant unless a route narrows them to a scope. */
const anyFile: MediaScope = { kind: 'tenant' };

function requireActor(ctx: RequestContext) {
  if (!ctx.actor || !ctx.tenantId) throw new AppError('UNAUTHENTICATED', 'Sign in to manage media');
  return { userId: ctx.actor.userId, tenantId: ctx.tenantId };
}

/**
 * Media files: upload, library management, downloads.
 *
 * Upload pipeline: stream to a temp file (counted, hashed, cut off at the limit) → type
 * from the bytes, checked against the tenant's allow-list → images: location removed
 * unless kept, metadata, thumbnail → under a per-content lock: the owner's live
 * duplicate is returned as is, else the bytes are stored (content-addressed, once per
 * tenant) and the row inserted — the database adds the bytes to the owner's usage and
 * refuses what exceeds the quota. Whatever fails, temp files go, and stored bytes no
 * row references are deleted.
 */
export function createMediaService(deps: MediaServiceDeps) {
  const { db, storage } = deps;

  /** Deletes a tenant's stored bytes if no row (live or trashed) uses them any more. */
  async function collect(ctx: RequestContext, tenantId: string, sha256: string): Promise<void> {
    try {
      await withTenant(db, ctx, async (tx) => {
        await repo.lockBlob(tx, tenantId, sha256);
        if (await repo.blobInUse(tx, sha256)) return;
        await storage.delete(blobKey(tenantId, sha256));
        await storage.delete(thumbnailKey(tenantId, sha256));
      });
    } catch (error) {
      deps.onCleanupError?.(error, `stored object ${blobKey(tenantId, sha256)}`);
    }
  }

  /**
   * May the caller read this file: as its owner or a reader of its library (policy),
   * or — for a file not in the trash — as a party of an application or message that
   * attaches it (one query for the references).
   */
  async function mayRead(tx: Parameters<typeof repo.findById>[0], ctx: RequestContext, file: repo.MediaRow): Promise<boolean> {
    if (canOnFile(ctx, file, 'read')) return true;
    if (file.deletedAt || !ctx.actor) return false;
    return canReadAsParty(ctx, await repo.attachmentReferences(tx, file.id, ctx.actor.userId));
  }

  /**
   * Loads a file for an action: outside the addressed scope or invisible → 404,
   * visible but not allowed → 403.
   */
  async function authorized(tx: Parameters<typeof repo.findById>[0], ctx: RequestContext, id: string, action: MediaAction, scope: MediaScope) {
    const file = isUuid(id) ? await repo.findById(tx, id, { lock: action !== 'read' }) : undefined;
    if (!file || !inScope(ctx, file, scope) || !(await mayRead(tx, ctx, file))) throw new AppError('MEDIA_NOT_FOUND');
    if (action !== 'read' && !canOnFile(ctx, file, action)) throw new AppError('FORBIDDEN', `You may not ${action} this file`);
    return file;
  }

  function scopeFor(ctx: RequestContext, scope: MediaScope, action: MediaAction) {
    if (!canInScope(ctx, scope, action)) throw new AppError('FORBIDDEN', `You may not ${action === 'read' ? 'see' : action} media files here`);
    return scope;
  }

  /**
   * Work in a scope, in one transaction: an account scope must name a live account of
   * the tenant (a tenant-wide grant passes the guard for any id; another tenant's
   * account must still be a 404, not an empty list).
   */
  function inScopeTx<T>(ctx: RequestContext, scope: MediaScope, fn: (tx: Parameters<typeof repo.findById>[0]) => Promise<T>): Promise<T> {
    return withTenant(db, ctx, async (tx) => {
      if (scope.kind === 'account' && !(isUuid(scope.accountId) && (await repo.accountIsLive(tx, scope.accountId)))) throw new AppError('ACCOUNT_NOT_FOUND');
      return fn(tx);
    });
  }

  return {
    async upload(ctx: RequestContext, input: UploadInput): Promise<UploadResult> {
      const actor = requireActor(ctx);
      const accountId = input.accountId ?? null;
      scopeFor(ctx, accountId ? { kind: 'account', accountId } : { kind: 'user' }, 'create');
      const details = parseWith(mediaDetails, { title: input.title, alt: input.alt, caption: input.caption, folder: input.folder, tags: input.tags });
      const { settings, accountLive } = await withTenant(db, ctx, async (tx) => ({
        settings: readSettings(await repo.mediaSettingsOf(tx)),
        accountLive: accountId === null || (isUuid(accountId) && (await repo.accountIsLive(tx, accountId))),
      }));
      if (!accountLive) throw new AppError('ACCOUNT_NOT_FOUND');

      const limit = Math.min(deps.maxUploadBytes, settings.maxUploadBytes ?? Infinity);
      const allowed = settings.allowedTypes ?? DEFAULT_ALLOWED_TYPES;
      const temps: string[] = [];
      let storedHash: string | undefined;
      try {
        const staged = await stageUpload(input.stream, { dir: deps.tempDir, limit });
        temps.push(staged.path);
        if (input.moreDetails) Object.assign(details, parseWith(mediaDetails, await input.moreDetails()));
        if (staged.size === 0) throw new AppError('EMPTY_FILE', 'The file is empty');
        const sniffed = await sniffFile(staged.path);
        const mimetype = sniffed.mimetype;
        if (!mimetype || !allowed.includes(mimetype)) throw unsupportedType(sniffed, allowed, input.declaredType);

        let stored = { path: staged.path, size: staged.size, sha256: staged.sha256 };
        let metadata: Record<string, unknown> = {};
        let thumbnail: { path: string; size: number; sha256: string } | undefined;
        if (IMAGE_TYPES.has(mimetype)) {
          const image = await processImage(staged.path, mimetype, { keepGps: settings.keepGps === true, tempDir: deps.tempDir, temps });
          if (image.path !== staged.path) stored = { path: image.path, ...(await hashFile(image.path)) };
          thumbnail = { path: image.thumbnailPath, ...(await hashFile(image.thumbnailPath)) };
          metadata = image.metadata;
        }

        const hash = stored.sha256;
        const owner = { accountId, uploaderId: actor.userId };
        storedHash = hash;
        const result = await withTenant(db, ctx, async (tx) => {
          await repo.lockBlob(tx, actor.tenantId, hash);
          const duplicate = await repo.findLiveDuplicate(tx, owner, hash);
          if (duplicate) return { row: duplicate, deduplicated: true };
          if (!(await repo.blobInUse(tx, hash))) {
            await storage.put(blobKey(actor.tenantId, hash), createReadStream(stored.path), { size: stored.size, sha256: hash, contentType: mimetype });
            if (thumbnail) {
              await storage.put(thumbnailKey(actor.tenantId, hash), createReadStream(thumbnail.path), {
                size: thumbnail.size,
                sha256: thumbnail.sha256,
                contentType: 'image/webp',
              });
            }
          }
          const id = newId();
          const row = await repo.insertFile(tx, {
            id,
            tenantId: actor.tenantId,
            uploaderId: actor.userId,
            accountId,
            filename: sanitizeFilename(input.filename),
            mimetype,
            size: stored.size,
            url: mediaUrl(id),
            thumbnailUrl: thumbnail ? mediaThumbnailUrl(id) : null,
            title: details.title ?? null,
            alt: details.alt ?? null,
            caption: details.caption ?? null,
            folder: details.folder ?? null,
            tags: details.tags ?? [],
            metadata,
            contentHash: hash,
            storageKey: blobKey(actor.tenantId, hash),
          });
          return { row, deduplicated: false };
        });
        storedHash = undefined;
        return { file: presentMedia(result.row), deduplicated: result.deduplicated };
      } finally {
        if (storedHash) await collect(ctx, actor.tenantId, storedHash);
        await removeQuietly(...temps);
      }
    },

    async get(ctx: RequestContext, id: string, scope: MediaScope = anyFile): Promise<MediaFileView> {
      return presentMedia(await withTenant(db, ctx, (tx) => authorized(tx, ctx, id, 'read', scope)));
    },

    /** A page of a scope's files, newest first; `trashed` lists the trash instead. */
    async list(ctx: RequestContext, scope: MediaScope, query: unknown): Promise<Page<MediaFileView>> {
      scopeFor(ctx, scope, 'read');
      const q = parseWith(listMediaQuery, query);
      const afterId = q.cursor ? decodeCursor(q.cursor, 1)[0] : undefined;
      if (afterId !== undefined && !isUuid(afterId)) throw invalidCursor();
      const found = await inScopeTx(ctx, scope, (tx) => repo.list(tx, { ...q, scope, actorId: ctx.actor?.userId ?? null, afterId: afterId ?? undefined }));
      return toPage(found, q.limit, (row) => [row.id], presentMedia);
    },

    /** The folders in use in a scope, with how many live files each holds. */
    async folders(ctx: RequestContext, scope: MediaScope): Promise<{ folder: string; files: number }[]> {
      scopeFor(ctx, scope, 'read');
      return inScopeTx(ctx, scope, (tx) => repo.folders(tx, scope, ctx.actor?.userId ?? null));
    },

    /** Title, alt text, caption, folder (move) and tags; null clears a field. */
    async update(ctx: RequestContext, id: string, input: unknown, scope: MediaScope = anyFile): Promise<MediaFileView> {
      const patch = parseWith(updateMediaBody, input);
      const changes = changesOf(patch);
      return withTenant(db, ctx, async (tx) => {
        const file = await authorized(tx, ctx, id, 'update', scope);
        return presentMedia(hasChanges(changes) ? await repo.updateFile(tx, id, changes) : file);
      });
    },

    /** Soft delete: into the trash (hidden, not public, still counted against the quota). Refused while the file is in use (content, an application or a message refers to it). */
    async trash(ctx: RequestContext, id: string, scope: MediaScope = anyFile): Promise<MediaFileView> {
      return withTenant(db, ctx, async (tx) => {
        const file = await authorized(tx, ctx, id, 'delete', scope);
        return presentMedia(file.deletedAt ? file : await repo.updateFile(tx, id, { deletedAt: new Date() }));
      });
    },

    async restore(ctx: RequestContext, id: string, scope: MediaScope = anyFile): Promise<MediaFileView> {
      return withTenant(db, ctx, async (tx) => {
        const file = await authorized(tx, ctx, id, 'delete', scope);
        return presentMedia(file.deletedAt ? await repo.updateFile(tx, id, { deletedAt: null }) : file);
      });
    },

    /** Hard delete: the row goes, the quota is freed, the bytes go when no other row shares them. Refused while in use. */
    async purge(ctx: RequestContext, id: string, scope: MediaScope = anyFile): Promise<void> {
      const tenantId = requireActor(ctx).tenantId;
      const hash = await withTenant(db, ctx, async (tx) => {
        const file = await authorized(tx, ctx, id, 'delete', scope);
        await repo.deleteFile(tx, id);
        return file.contentHash;
      });
      if (hash) await collect(ctx, tenantId, hash);
    },

    async storageUsage(ctx: RequestContext, scope: { kind: 'user' } | { kind: 'account'; accountId: string }) {
      const actor = requireActor(ctx);
      scopeFor(ctx, scope, 'read');
      const owner = { accountId: scope.kind === 'account' ? scope.accountId : null, uploaderId: actor.userId };
      return inScopeTx(ctx, scope, (tx) => repo.storageUsage(tx, actor.tenantId, owner));
    },

    /**
     * The bytes of a file (or its thumbnail) for an HTTP response: status, headers and
     * body, with ETag/If-None-Match (304), single byte ranges (206), If-Range, and 416
     * for a range past the end. Readable by those who may read the file (its library's
     * readers, the parties of an application or message that attaches it), and by anyone
     * when published content shows it; otherwise — also for another tenant's id — 404.
     */
    async download(ctx: RequestContext, id: string, options: DownloadOptions = {}, scope: MediaScope = anyFile): Promise<Download> {
      if (!ctx.tenantId || !isUuid(id)) throw new AppError('MEDIA_NOT_FOUND');
      const tenantId = ctx.tenantId;
      const found = await withTenant(db, ctx, async (tx) => {
        const file = await repo.findById(tx, id);
        if (!file || !inScope(ctx, file, scope)) return undefined;
        if (canOnFile(ctx, file, 'read')) return { file, isPublic: false };
        if (!file.deletedAt && (await repo.isPublic(tx, id))) return { file, isPublic: true };
        if (await mayRead(tx, ctx, file)) return { file, isPublic: false };
        return undefined;
      });
      const thumbnail = options.variant === 'thumbnail';
      if (!found?.file.contentHash || (thumbnail && !found.file.thumbnailUrl)) throw new AppError('MEDIA_NOT_FOUND');
      const { file } = found;
      const hash = file.contentHash!;
      const key = thumbnail ? thumbnailKey(tenantId, hash) : blobKey(tenantId, hash);
      const size = thumbnail ? Number((file.metadata?.thumbnail as { size?: number } | undefined)?.size ?? (await storage.head(key))?.size ?? 0) : file.size;
      const etag = etagOf(thumbnail ? `${hash}.thumbnail` : hash);
      const headers: Record<string, string> = {
        etag,
        'accept-ranges': 'bytes',
        'cache-control': found.isPublic ? 'public, max-age=300' : 'private, no-cache',
        'last-modified': file.createdAt.toUTCString(),
        'x-content-type-options': 'nosniff',
      };
      if (noneMatch(options.ifNoneMatch, etag)) return { status: 304, headers, body: null };
      const decision = rangeStillValid(options.ifRange, etag) ? parseRange(options.range, size) : ({ kind: 'full' } as const);
      if (decision.kind === 'unsatisfiable') return { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` }, body: null };
      const range = decision.kind === 'partial' ? decision.range : undefined;
      const body = await storage.get(key, range);
      if (!body) throw new AppError('MEDIA_BYTES_MISSING', 'The stored bytes of this file are missing');
      Object.assign(headers, {
        'content-type': thumbnail ? 'image/webp' : file.mimetype,
        'content-length': String(range ? range.end - range.start + 1 : size),
        'content-disposition': contentDisposition(file.filename),
        ...(range ? { 'content-range': `bytes ${range.start}-${range.end}/${size}` } : {}),
      });
      return { status: range ? 206 : 200, headers, body };
    },
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
