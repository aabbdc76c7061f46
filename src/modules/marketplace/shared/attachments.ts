import { AppError } from '../../../core/errors';
import type { TenantTx } from '../../../db/tenant-context';
import { lockOwnFiles } from './repository';

/**
 * Attachments must be the user's own live uploads in this tenant. An attachment is a
 * use of the file: the database counts it (migration 0151) with an update of the
 * file's row, so the rows are locked the way that update locks them (lockOwnFiles): a
 * file cannot be trashed or deleted between this check and the commit, and two
 * messages attaching the same files wait for each other instead of deadlocking on a
 * share lock both want to upgrade.
 * In two steps, for a use case that reads its checks at once (one round trip) and refuses
 * in its own order: the lock is taken now; the returned function answers the ids without
 * repetitions, in the given order, or the 422 naming each bad one.
 */
export async function lockAttachments(tx: TenantTx, userId: string, ids: readonly string[]): Promise<() => string[]> {
  const unique = [...new Set(ids)];
  const owned = new Set(unique.length ? await lockOwnFiles(tx, userId, unique) : []);
  return () => {
    const missing = unique.filter((id) => !owned.has(id));
    if (missing.length) {
      throw new AppError('INVALID_ATTACHMENTS', 'Attachments must be your own uploaded files', {
        errors: missing.map((id) => ({ path: `attachments.${ids.indexOf(id)}`, message: `${id} is not one of your files` })),
      });
    }
    return unique;
  };
}
