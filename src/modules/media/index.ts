/**
 * Media: uploads into a storage interface (local disk or S3-compatible), image
 * metadata and thumbnails, de-duplication, quotas, folders and tags, downloads with
 * ETag and ranges. Other modules use only what is exported here.
 */
export { createMediaService, sanitizeFilename, type Download, type DownloadOptions, type MediaService, type MediaServiceDeps, type UploadInput, type UploadResult } from './service';
export { createStorage, type ObjectStorage } from './storage';
export { presentMedia, mediaUrl, mediaThumbnailUrl } from './presenters';
export type { MediaScope } from './policy';
export { DEFAULT_ALLOWED_TYPES, SUPPORTED_TYPES } from './sniff';
export * from './schemas';
