import type { RequestContext, Scope } from '../../core/context';
import { bindUseCases } from '../../core/use-case';
import { parseInput } from '../../core/validation';
import { purgeMedia, restoreMedia, trashMedia, updateMedia } from './change-media';
import type { MediaDeps } from './deps';
import { downloadMedia } from './download-media';
import { getMedia, listMedia, listMediaFolders, mediaStorageUsage } from './read-media';
import { listMediaQuery, updateMediaBody } from './schemas';
import { uploadMedia } from './upload-media';

export type { Download, DownloadOptions } from './download-media';
export type { LibraryScope } from './read-media';
export type { UploadInput, UploadResult } from './upload-media';

/**
 * The media use cases over one set of deps, for callers that do not come through HTTP
 * (tests, the CLI): raw input (a list query, a change) is parsed here exactly as the
 * HTTP edge would parse it.
 */
export function createMediaService(deps: MediaDeps) {
  return {
    ...bindUseCases(deps, {
      upload: uploadMedia,
      get: getMedia,
      folders: listMediaFolders,
      storageUsage: mediaStorageUsage,
      trash: trashMedia,
      restore: restoreMedia,
      purge: purgeMedia,
      download: downloadMedia,
    }),
    list: async (ctx: RequestContext, scope: Scope, query: unknown) => listMedia(deps, ctx, scope, parseInput(listMediaQuery, query)),
    update: async (ctx: RequestContext, id: string, input: unknown, scope?: Scope) => updateMedia(deps, ctx, id, parseInput(updateMediaBody, input), scope),
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
