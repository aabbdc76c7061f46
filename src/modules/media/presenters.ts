import type { MediaRow } from './repository';
import type { MediaFileView } from './schemas';

/**
 * Media rows as the API shows them: UUIDs and ISO 8601 strings; the download paths
 * are API routes — where and how the bytes are stored (storage_key) never leaves the
 * server.
 */
export const mediaUrl = (id: string): string => `/api/v1/public/media/${id}`;
export const mediaThumbnailUrl = (id: string): string => `/api/v1/public/media/${id}/thumbnail`;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function presentMedia(row: MediaRow): MediaFileView {
  return {
    id: row.id,
    filename: row.filename,
    mimetype: row.mimetype,
    size: row.size,
    sha256: row.contentHash,
    url: mediaUrl(row.id),
    thumbnailUrl: row.thumbnailUrl ? mediaThumbnailUrl(row.id) : null,
    title: row.title,
    alt: row.alt,
    caption: row.caption,
    folder: row.folder,
    tags: row.tags,
    metadata: row.metadata ?? {},
    accountId: row.accountId,
    uploaderId: row.uploaderId,
    usageCount: row.usageCount,
    lastUsedAt: iso(row.lastUsedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: iso(row.deletedAt),
  };
}
