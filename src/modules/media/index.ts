/**
 * Media: uploads into a storage interface (local disk or S3-compatible), image
 * metadata and thumbnails, de-duplication, quotas, folders and tags, downloads with
 * ETag and ranges. Other modules use only what is exported here.
 */

export { type BlobDeps, collectBlobs } from './blobs';
export type { MediaDeps } from './deps';
export { importMediaFile, type MediaImportDeps } from './import-media';
export { deletePersonalFiles } from './repository';
export { mediaRoutes } from './routes';
export * from './schemas';
export { createMediaService, type Download, type DownloadOptions, type LibraryScope, type MediaService, type UploadInput, type UploadResult } from './service';
export { createStorage, type ObjectStorage } from './storage';
