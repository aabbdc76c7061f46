import { type RequestContext, requireActor, type Scope, tenantScope } from '../../core/context';
import { invalidCursor } from '../../core/errors';
import { isUuid } from '../../core/ids';
import { decodeCursor, type Page, toPage } from '../../core/pagination';
import { withTenant } from '../../db/tenant-context';
import { authorizedFile, requireScope, withScope } from './access';
import type { MediaDeps } from './deps';
import { presentMedia } from './presenters';
import { folders, listFiles, storageUsage } from './repository';
import type { ListMediaQuery, MediaFileView } from './schemas';

/** One file of `scope` the caller may read (by-id routes without a library address the whole tenant). */
export async function getMedia(deps: MediaDeps, ctx: RequestContext, id: string, scope: Scope = tenantScope): Promise<MediaFileView> {
  return presentMedia(await withTenant(deps.db, ctx, (tx) => authorizedFile(tx, ctx, scope, id, 'read')));
}

/** A page of a scope's files, newest first; `trashed` lists the trash instead. */
export async function listMedia(deps: MediaDeps, ctx: RequestContext, scope: Scope, query: ListMediaQuery): Promise<Page<MediaFileView>> {
  requireScope(ctx, scope, 'read');
  const afterId = query.cursor ? decodeCursor(query.cursor, 1)[0] : undefined;
  if (afterId !== undefined && !isUuid(afterId)) throw invalidCursor();
  const found = await withScope(deps, ctx, scope, (tx) => listFiles(tx, { ...query, scope, afterId: afterId ?? undefined }));
  return toPage(found, query.limit, (row) => [row.id], presentMedia);
}

/** The folders in use in a scope, with how many live files each holds. */
export async function listMediaFolders(deps: MediaDeps, ctx: RequestContext, scope: Scope): Promise<{ folder: string; files: number }[]> {
  requireScope(ctx, scope, 'read');
  return withScope(deps, ctx, scope, (tx) => folders(tx, scope));
}

/** A library: the caller's personal files, or an account's. */
export type LibraryScope = Exclude<Scope, { kind: 'tenant' }>;

/** Bytes and files a library stores, and its limit (null: unlimited). */
export async function mediaStorageUsage(
  deps: MediaDeps,
  ctx: RequestContext,
  scope: LibraryScope,
): Promise<{ bytes: number; files: number; limitBytes: number | null }> {
  const actor = requireActor(ctx);
  requireScope(ctx, scope, 'read');
  const owner = scope.kind === 'account' ? { accountId: scope.accountId, uploaderId: actor.userId } : { accountId: null, uploaderId: scope.userId };
  return withScope(deps, ctx, scope, (tx) => storageUsage(tx, owner));
}
