import { Readable } from 'node:stream';
import { type RequestContext, type Scope, tenantScope } from '../../core/context';
import { AppError } from '../../core/errors';
import { isUuid } from '../../core/ids';
import { withTenant } from '../../db/tenant-context';
import { mayRead } from './access';
import type { MediaDeps } from './deps';
import { renderCard } from './images';
import { canOnFile } from './policy';
import { etagOf, noneMatch, parseRange, rangeStillValid } from './range';
import { findFile, isPublic } from './repository';
import { blobKey, cardKey, type ObjectStorage, thumbnailKey } from './storage';

export interface DownloadOptions {
  variant?: 'original' | 'thumbnail' | 'card';
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

function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * The bytes of a file (or its thumbnail) for an HTTP response: status, headers and body,
 * with ETag/If-None-Match (304), single byte ranges (206), If-Range, and 416 for a range
 * past the end. Readable by those who may read the file (its library's readers, the
 * parties of an application or message that attaches it), and by anyone when published
 * content shows it; otherwise — also for another tenant's id — 404.
 */
export async function downloadMedia(
  deps: MediaDeps,
  ctx: RequestContext,
  id: string,
  options: DownloadOptions = {},
  scope: Scope = tenantScope,
): Promise<Download> {
  if (!ctx.tenantId || !isUuid(id)) throw new AppError('MEDIA_NOT_FOUND');
  const tenantId = ctx.tenantId;
  const found = await withTenant(deps.db, ctx, async (tx) => {
    const file = await findFile(tx, scope, id);
    if (!file) return undefined;
    if (canOnFile(ctx, file, 'read')) return { file, isPublic: false };
    if (!file.deletedAt && (await isPublic(tx, id))) return { file, isPublic: true };
    if (await mayRead(tx, ctx, file)) return { file, isPublic: false };
    return undefined;
  });
  const variant = options.variant ?? 'original';
  const thumbnail = variant === 'thumbnail';
  // Variants exist for images that were processed at upload (they have a thumbnail).
  if (!found?.file.contentHash || (variant !== 'original' && !found.file.thumbnailUrl)) throw new AppError('MEDIA_NOT_FOUND');
  const { file } = found;
  const hash = file.contentHash!;
  const key = variant === 'thumbnail' ? thumbnailKey(tenantId, hash) : variant === 'card' ? cardKey(tenantId, hash) : blobKey(tenantId, hash);
  const size =
    variant === 'card'
      ? await ensureCard(deps.storage, blobKey(tenantId, hash), key)
      : thumbnail
        ? Number((file.metadata?.thumbnail as { size?: number } | undefined)?.size ?? (await deps.storage.head(key))?.size ?? 0)
        : file.size;
  const etag = etagOf(variant === 'original' ? hash : `${hash}.${variant}`);
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
  const body = await deps.storage.get(key, range);
  if (!body) throw new AppError('MEDIA_BYTES_MISSING', 'The stored bytes of this file are missing');
  Object.assign(headers, {
    'content-type': variant === 'original' ? file.mimetype : 'image/webp',
    'content-length': String(range ? range.end - range.start + 1 : size),
    'content-disposition': contentDisposition(file.filename),
    ...(range ? { 'content-range': `bytes ${range.start}-${range.end}/${size}` } : {}),
  });
  return { status: range ? 206 : 200, headers, body };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * The card variant's size, made from the original on its first request and stored next
 * to it (objects are atomic and derived from the same bytes, so two first requests at
 * once store the same thing); later requests only read it.
 */
async function ensureCard(storage: ObjectStorage, originalKey: string, key: string): Promise<number> {
  const existing = await storage.head(key);
  if (existing) return existing.size;
  const original = await storage.get(originalKey);
  if (!original) throw new AppError('MEDIA_BYTES_MISSING', 'The stored bytes of this file are missing');
  const card = await renderCard(await readAll(original));
  await storage.put(key, Readable.from([card]), { size: card.length, contentType: 'image/webp' });
  return card.length;
}
