import type { RequestContext } from '../../core/context';
import { AppError, validationFailed } from '../../core/errors';
import { isUuid } from '../../core/ids';
import type { Database } from '../../db/client';
import { withTenant } from '../../db/tenant-context';
import { assertMayActOn } from '../access';
import { emitEvent } from '../events';
import { type BlobDeps, collectBlobs, deletePersonalFiles, type ObjectStorage } from '../media';
import { eraseUserData, findErasableUser } from './repository';
import type { ErasureResult } from './schemas';

/**
 * Right to erasure. The work is done by mono.erase_user (migration 0405), a SECURITY
 * DEFINER function, because the runtime roles may not change audit entries; it erases
 * in the tenant of the transaction (app.tenant_id) and nowhere else. This service runs
 * it through withTenant, so the tenant-admin route and `mono user erase` take the same
 * path: a tenant administrator can only ever erase people of their own tenant, and the
 * erasure itself is recorded (actor, request id) like any other change. The person's own
 * files (uploads without an account, thumbnails) are deleted from storage too.
 */
export function createErasureService(deps: { db: Database; storage: ObjectStorage; onCleanupError?: BlobDeps['onCleanupError'] }) {
  return {
    /** Erases a user of ctx's tenant, given by id or (current or former) e-mail address. */
    async eraseUser(ctx: RequestContext, input: { user: string }): Promise<ErasureResult> {
      if (!ctx.tenantId || !ctx.permissions.can('tenant.users.erase')) throw new AppError('FORBIDDEN');
      const user = input.user.trim();
      const email = user.toLowerCase();
      if (!isUuid(user) && !/^[^@\s]+@[^@\s]+$/.test(user)) {
        throw validationFailed('Name the user by id or e-mail address', [{ path: 'user', message: 'not a UUID or an e-mail address' }]);
      }
      const { result, hashes } = await withTenant(deps.db, ctx, async (tx) => {
        const target = await findErasableUser(tx, isUuid(user) ? { id: user } : { email });
        if (!target) throw new AppError('USER_NOT_FOUND');
        await assertMayActOn(ctx, tx, target); // as for any other action on a person: not oneself, not above oneself
        const result = await eraseUserData(tx, target);
        if (!result) throw new AppError('USER_NOT_FOUND');
        await emitEvent(tx, { type: 'user.erased', actorId: ctx.actor?.userId ?? null, resourceType: 'user', resourceId: target, payload: { id: target } });
        // After the rows that attached them were emptied by the erasure itself.
        const hashes = await deletePersonalFiles(tx, target);
        return { result, hashes };
      });
      // The stored bytes and thumbnails, once the rows are gone for good (bytes another row still uses stay).
      await collectBlobs(deps, ctx, hashes);
      return { ...result, filesDeleted: hashes.length };
    },
  };
}

export type ErasureService = ReturnType<typeof createErasureService>;
