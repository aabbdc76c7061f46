import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../core/pagination';
import { SUPPORTED_TYPES } from './sniff';

/** Request and response schemas of the media module (zod v4), and their types. */

const uuid = z.uuid({ message: 'must be a UUID' });
const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).nullable().optional();

/** "Portfolio/2024/Summer": segments of letters, digits, space, dot, dash, underscore. */
export const folder = z
  .string()
  .trim()
  .max(500, 'must be at most 500 characters')
  .regex(/^[A-Za-z0-9 _.-]+(?:\/[A-Za-z0-9 _.-]+)*$/, 'folder names use letters, digits, spaces, dots, dashes and underscores, separated by "/"')
  .refine((v) => !v.split('/').some((s) => s.trim() === '' || s === '.' || s === '..'), 'folder segments must not be empty, "." or ".."');

/** Tags are trimmed, lower-cased and de-duplicated. */
export const tags = z
  .array(z.string().trim().toLowerCase().min(1, 'must not be empty').max(50, 'must be at most 50 characters'))
  .max(30, 'at most 30 tags')
  .transform((list) => [...new Set(list)]);

/** Descriptive fields a client may send with an upload or change later. */
export const mediaDetails = z.strictObject({
  title: optionalText(300),
  alt: optionalText(1000),
  caption: optionalText(2000),
  folder: folder.nullable().optional(),
  tags: tags.optional(),
});
export type MediaDetails = z.infer<typeof mediaDetails>;

/** A PATCH: absent fields stay, null clears; an empty body changes nothing. */
export const updateMediaBody = mediaDetails;
export type UpdateMediaInput = z.infer<typeof updateMediaBody>;

/** List filters; `mimetype` is exact ('image/png') or a family ('image/*'). */
export const listMediaQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).max(1000).optional(),
  folder: folder.optional(),
  tag: z.string().trim().toLowerCase().min(1).max(50).optional(),
  mimetype: z
    .string()
    .regex(/^[a-z]+\/(?:\*|[a-z0-9][a-z0-9.+-]*)$/, 'a media type like image/png or image/*')
    .optional(),
  uploaderId: uuid.optional(),
  accountId: uuid.optional(),
  /** ?trashed=true lists the trash; also accepts a boolean (the service may be called with parsed input). */
  trashed: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
});
export type ListMediaQuery = z.infer<typeof listMediaQuery>;

/**
 * A tenant's media settings (tenants.settings.media). Read leniently: a value that does
 * not parse falls back to its default rather than breaking uploads. Export it so the
 * tenant settings endpoint can validate what it stores.
 */
export const mediaSettings = z.object({
  /** Accepted types; a subset of what Mono can identify from the bytes. */
  allowedTypes: z.array(z.enum(SUPPORTED_TYPES)).min(1).optional().catch(undefined),
  /** Per-file limit in bytes, at most the installation's MAX_UPLOAD_BYTES. */
  maxUploadBytes: z.number().int().positive().optional().catch(undefined),
  /** Keep the GPS location of photos (default: removed from the stored file). */
  keepGps: z.boolean().optional().catch(undefined),
  /** Quota of a user's personal (account-less) files in bytes; absent = unlimited. */
  userStorageBytes: z.number().int().min(0).nullable().optional().catch(undefined),
});
export type MediaSettings = z.infer<typeof mediaSettings>;

/**
 * The same settings as a tenant administrator writes them: strict, so a typo or a wrong
 * value is refused with the field named instead of silently falling back to a default.
 */
export const mediaSettingsInput = z.strictObject({
  allowedTypes: z.array(z.enum(SUPPORTED_TYPES)).min(1).optional(),
  maxUploadBytes: z.number().int().positive().optional(),
  keepGps: z.boolean().optional(),
  userStorageBytes: z.number().int().min(0).nullable().optional(),
});

export const mediaFileSchema = z
  .object({
    id: z.uuid(),
    filename: z.string(),
    mimetype: z.string().describe('The type detected from the bytes, not the one the client declared'),
    size: z.number().int().describe('Bytes as stored (after location removal)'),
    sha256: z.string().nullable().describe('Content hash; also the ETag of downloads'),
    url: z.string().describe('Download path of the file'),
    thumbnailUrl: z.string().nullable(),
    title: z.string().nullable(),
    alt: z.string().nullable(),
    caption: z.string().nullable(),
    folder: z.string().nullable(),
    tags: z.array(z.string()),
    metadata: z.record(z.string(), z.unknown()).describe('Images: width, height, orientation, takenAt, gpsRemoved, thumbnail…'),
    accountId: z.uuid().nullable(),
    uploaderId: z.uuid(),
    usageCount: z.number().int(),
    lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    deletedAt: z.iso.datetime({ offset: true }).nullable().describe('Set while the file is in the trash'),
  })
  .meta({ id: 'MediaFile' });
export type MediaFileView = z.infer<typeof mediaFileSchema>;

export const storageUsageSchema = z.object({
  bytes: z.number().int(),
  files: z.number().int(),
  limitBytes: z.number().int().nullable().describe('null: unlimited'),
});

export const folderSchema = z.object({ folder: z.string(), files: z.number().int() });
