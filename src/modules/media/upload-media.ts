import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { accountScope, ownScope, type RequestContext, requireActor, requireTenant } from '../../core/context';
import { AppError } from '../../core/errors';
import { isUuid, newId } from '../../core/ids';
import { parseInput } from '../../core/validation';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import { emitEvent } from '../events';
import { requireScope } from './access';
import { collectBlob } from './blobs';
import type { MediaDeps } from './deps';
import { processImage } from './images';
import { mediaThumbnailUrl, mediaUrl, presentMedia } from './presenters';
import { accountIsLive, blobInUse, findLiveDuplicate, insertFile, lockBlob, type MediaRow, mediaSettingsOf } from './repository';
import { type MediaDetails, type MediaFileView, type MediaSettings, mediaDetails, mediaSettings } from './schemas';
import { DEFAULT_ALLOWED_TYPES, IMAGE_TYPES, type Sniffed, sniffFile } from './sniff';
import { hashFile, removeQuietly, stageUpload } from './staging';
import { blobKey, thumbnailKey } from './storage';

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

/** A file name fit for display and Content-Disposition: no path, no control or bidi characters. */
export function sanitizeFilename(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const limited = Array.from(clean).slice(0, 255).join('');
  return limited === '' || limited === '.' || limited === '..' ? 'file' : limited;
}

function unsupportedType(sniffed: Sniffed, allowed: readonly string[], declared: string | undefined): AppError {
  const claimed = declared && declared !== sniffed.detected ? ` (it was sent as ${declared})` : '';
  const message =
    sniffed.detected === 'image/svg+xml'
      ? 'SVG files are not accepted because they can carry scripts; upload a PNG or WebP instead'
      : `This file is ${sniffed.detected ? `of type ${sniffed.detected}` : 'of a type that could not be identified'}${claimed}, which is not accepted here. Accepted: ${allowed.join(', ')}`;
  return new AppError('UNSUPPORTED_MEDIA_TYPE', message, { extra: { detected: sniffed.detected, allowed } });
}

/** The tenant's media settings; anything unreadable counts as not set. */
export function readSettings(raw: unknown): MediaSettings {
  const parsed = mediaSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** A file staged and checked: the bytes to store (an image without its location), their type, metadata and thumbnail. */
export interface PreparedUpload {
  stored: { path: string; size: number; sha256: string };
  mimetype: string;
  metadata: Record<string, unknown>;
  thumbnail?: { path: string; size: number; sha256: string };
}

/**
 * Stages the bytes (counted, hashed, cut off at the limit), takes their type from the
 * bytes and checks it against the tenant's allow-list, and processes images (location
 * removed unless kept, metadata, thumbnail). Every temp file it makes is pushed onto
 * `temps`, for the caller to remove.
 */
export async function prepareUpload(
  deps: Pick<MediaDeps, 'maxUploadBytes' | 'tempDir'>,
  settings: MediaSettings,
  source: { stream: Readable; declaredType?: string },
  temps: string[],
  afterStaging?: () => Promise<void>,
): Promise<PreparedUpload> {
  const limit = Math.min(deps.maxUploadBytes, settings.maxUploadBytes ?? Infinity);
  const allowed = settings.allowedTypes ?? DEFAULT_ALLOWED_TYPES;
  const staged = await stageUpload(source.stream, { dir: deps.tempDir, limit });
  temps.push(staged.path);
  await afterStaging?.();
  if (staged.size === 0) throw new AppError('EMPTY_FILE', 'The file is empty');
  const sniffed = await sniffFile(staged.path);
  const mimetype = sniffed.mimetype;
  if (!mimetype || !allowed.includes(mimetype)) throw unsupportedType(sniffed, allowed, source.declaredType);

  let stored = { path: staged.path, size: staged.size, sha256: staged.sha256 };
  let metadata: Record<string, unknown> = {};
  let thumbnail: PreparedUpload['thumbnail'];
  if (IMAGE_TYPES.has(mimetype)) {
    const image = await processImage(staged.path, mimetype, { keepGps: settings.keepGps === true, tempDir: deps.tempDir, temps });
    if (image.path !== staged.path) stored = { path: image.path, ...(await hashFile(image.path)) };
    thumbnail = { path: image.thumbnailPath, ...(await hashFile(image.thumbnailPath)) };
    metadata = image.metadata;
  }
  return { stored, mimetype, metadata, thumbnail };
}

/**
 * In the caller's transaction, under a per-content lock: the owner's live duplicate as
 * it is, else the bytes stored (content-addressed, once per tenant) and the row inserted
 * with this id — the database adds the bytes to the owner's usage and refuses what
 * exceeds the quota. Stored bytes that end up without a row are the caller's to collect.
 */
export async function storePrepared(
  deps: Pick<MediaDeps, 'storage'>,
  tx: TenantTx,
  owner: { accountId: string | null; uploaderId: string },
  prepared: PreparedUpload,
  file: { id: string; filename: string; details: MediaDetails },
): Promise<{ row: MediaRow; deduplicated: boolean }> {
  const { stored, mimetype, thumbnail, metadata } = prepared;
  const hash = stored.sha256;
  await lockBlob(tx, hash);
  const duplicate = await findLiveDuplicate(tx, owner, hash);
  if (duplicate) return { row: duplicate, deduplicated: true };
  if (!(await blobInUse(tx, hash))) {
    await deps.storage.put(blobKey(tx.tenantId, hash), createReadStream(stored.path), { size: stored.size, sha256: hash, contentType: mimetype });
    if (thumbnail) {
      await deps.storage.put(thumbnailKey(tx.tenantId, hash), createReadStream(thumbnail.path), {
        size: thumbnail.size,
        sha256: thumbnail.sha256,
        contentType: 'image/webp',
      });
    }
  }
  const { details } = file;
  const row = await insertFile(tx, {
    id: file.id,
    uploaderId: owner.uploaderId,
    accountId: owner.accountId,
    filename: sanitizeFilename(file.filename),
    mimetype,
    size: stored.size,
    url: mediaUrl(file.id),
    thumbnailUrl: thumbnail ? mediaThumbnailUrl(file.id) : null,
    title: details.title ?? null,
    alt: details.alt ?? null,
    caption: details.caption ?? null,
    folder: details.folder ?? null,
    tags: details.tags ?? [],
    metadata,
    contentHash: hash,
    storageKey: blobKey(tx.tenantId, hash),
  });
  return { row, deduplicated: false };
}

/**
 * Uploads a file into the caller's personal library or an account's.
 *
 * Pipeline: prepareUpload (staged, typed, images processed) → storePrepared (the
 * owner's live duplicate, else stored and inserted). Whatever fails, temp files go, and
 * stored bytes no row references are deleted. The settings are read in a short
 * transaction of their own before the bytes arrive; the row is written in one
 * transaction after they are staged.
 */
export async function uploadMedia(deps: MediaDeps, ctx: RequestContext, input: UploadInput): Promise<UploadResult> {
  const actor = requireActor(ctx);
  requireTenant(ctx);
  const accountId = input.accountId ?? null;
  requireScope(ctx, accountId ? accountScope(accountId) : ownScope(actor.userId), 'create');
  const details = parseInput(mediaDetails, { title: input.title, alt: input.alt, caption: input.caption, folder: input.folder, tags: input.tags });
  const { settings, accountLive } = await withTenant(deps.db, ctx, async (tx) => ({
    settings: readSettings(await mediaSettingsOf(tx)),
    accountLive: accountId === null || (isUuid(accountId) && (await accountIsLive(tx, accountId))),
  }));
  if (!accountLive) throw new AppError('ACCOUNT_NOT_FOUND');

  const temps: string[] = [];
  let storedHash: string | undefined;
  try {
    const prepared = await prepareUpload(deps, settings, { stream: input.stream, declaredType: input.declaredType }, temps, async () => {
      if (input.moreDetails) Object.assign(details, parseInput(mediaDetails, await input.moreDetails()));
    });
    storedHash = prepared.stored.sha256;
    const result = await withTenant(deps.db, ctx, async (tx) => {
      const stored = await storePrepared(deps, tx, { accountId, uploaderId: actor.userId }, prepared, { id: newId(), filename: input.filename, details });
      if (!stored.deduplicated) {
        await emitEvent(tx, {
          type: 'media.uploaded',
          actorId: actor.userId,
          resourceType: 'media',
          resourceId: stored.row.id,
          payload: presentMedia(stored.row),
        });
      }
      return stored;
    });
    storedHash = undefined;
    return { file: presentMedia(result.row), deduplicated: result.deduplicated };
  } finally {
    if (storedHash) await collectBlob(deps, ctx, storedHash);
    await removeQuietly(...temps);
  }
}
