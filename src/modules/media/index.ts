/**
 * Media: uploads into a storage interface (local disk or S3-compatible), image
 * metadata and thumbnails, de-duplication, quotas, folders and tags, downloads with
 * ETag and ranges. Other modules use only what is exported here.
 */

export type { MediaScope } from './policy';
export { mediaThumbnailUrl, mediaUrl, presentMedia } from './presenters';
export { mediaRoutes } from './routes';
export * from './schemas';
export {
  createMediaService,
  type Download,
  type DownloadOptions,
  type MediaService,
  type MediaServiceDeps,
  sanitizeFilename,
  type UploadInput,
  type UploadResult,
} from './service';
export { DEFAULT_ALLOWED_TYPES, SUPPORTED_TYPES } from './sniff';
export { createStorage, type ObjectStorage } from './storage';
