import { type RequestContext, requireActor, type Scope, tenantScope } from '../../core/context';
import { changesOf, hasChanges } from '../../core/patch';
import { withTenant } from '../../db/tenant-context';
import { emitEvent } from '../events';
import { authorizedFile } from './access';
import { collectBlob } from './blobs';
import type { MediaDeps } from './deps';
import { presentMedia } from './presenters';
import { deleteFile, updateFile } from './repository';
import type { MediaFileView, UpdateMediaInput } from './schemas';

/** Title, alt text, caption, folder (move) and tags; null clears a field. */
export async function updateMedia(
  deps: MediaDeps,
  ctx: RequestContext,
  id: string,
  input: UpdateMediaInput,
  scope: Scope = tenantScope,
): Promise<MediaFileView> {
  const changes = changesOf(input);
  return withTenant(deps.db, ctx, async (tx) => {
    const file = await authorizedFile(tx, ctx, scope, id, 'update');
    return presentMedia(hasChanges(changes) ? await updateFile(tx, id, changes) : file);
  });
}

/**
 * Soft delete: into the trash (hidden, not public, still counted against the quota).
 * Refused while the file is in use (content, an application or a message refers to it).
 */
export async function trashMedia(deps: MediaDeps, ctx: RequestContext, id: string, scope: Scope = tenantScope): Promise<MediaFileView> {
  return withTenant(deps.db, ctx, async (tx) => {
    const file = await authorizedFile(tx, ctx, scope, id, 'delete');
    if (file.deletedAt) return presentMedia(file);
    const view = presentMedia(await updateFile(tx, id, { deletedAt: new Date() }));
    await emitEvent(tx, { type: 'media.deleted', actorId: ctx.actor?.userId ?? null, resourceType: 'media', resourceId: id, payload: view });
    return view;
  });
}

/** Takes a file out of the trash. */
export async function restoreMedia(deps: MediaDeps, ctx: RequestContext, id: string, scope: Scope = tenantScope): Promise<MediaFileView> {
  return withTenant(deps.db, ctx, async (tx) => {
    const file = await authorizedFile(tx, ctx, scope, id, 'delete');
    if (!file.deletedAt) return presentMedia(file);
    const view = presentMedia(await updateFile(tx, id, { deletedAt: null }));
    await emitEvent(tx, { type: 'media.restored', actorId: ctx.actor?.userId ?? null, resourceType: 'media', resourceId: id, payload: view });
    return view;
  });
}

/**
 * Hard delete: the row goes, the quota is freed, the bytes go when no other row shares
 * them (afterwards, best effort). Refused while in use.
 */
export async function purgeMedia(deps: MediaDeps, ctx: RequestContext, id: string, scope: Scope = tenantScope): Promise<void> {
  requireActor(ctx);
  const hash = await withTenant(deps.db, ctx, async (tx) => {
    const file = await authorizedFile(tx, ctx, scope, id, 'delete');
    await deleteFile(tx, id);
    await emitEvent(tx, { type: 'media.purged', actorId: ctx.actor?.userId ?? null, resourceType: 'media', resourceId: id, payload: { id } });
    return file.contentHash;
  });
  if (hash) await collectBlob(deps, ctx, hash);
}
