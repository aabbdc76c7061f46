import { type RequestContext, requireTenant } from '../../core/context';
import { withTenant } from '../../db/tenant-context';
import type { MediaDeps } from './deps';
import { blobInUse, lockBlob } from './repository';
import { blobKey, cardKey, thumbnailKey } from './storage';

/** What deleting stored bytes needs. */
export type BlobDeps = Pick<MediaDeps, 'db' | 'storage' | 'onCleanupError'>;

/**
 * Deletes a tenant's stored bytes (and thumbnail and card) if no row, live or trashed, uses them
 * any more. Best effort: a failure is reported to `onCleanupError`, never to the caller.
 */
export async function collectBlob(deps: BlobDeps, ctx: RequestContext, sha256: string): Promise<void> {
  const tenantId = requireTenant(ctx);
  try {
    await withTenant(deps.db, ctx, async (tx) => {
      await lockBlob(tx, sha256);
      if (await blobInUse(tx, sha256)) return;
      await deps.storage.delete(blobKey(tenantId, sha256));
      await deps.storage.delete(thumbnailKey(tenantId, sha256));
      await deps.storage.delete(cardKey(tenantId, sha256));
    });
  } catch (error) {
    deps.onCleanupError?.(error, `stored object ${blobKey(tenantId, sha256)}`);
  }
}

/** collectBlob for each of several hashes (e.g. the files an erasure deleted). */
export async function collectBlobs(deps: BlobDeps, ctx: RequestContext, hashes: readonly string[]): Promise<void> {
  for (const hash of hashes) await collectBlob(deps, ctx, hash);
}
