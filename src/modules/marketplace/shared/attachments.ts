import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { AppError } from '../../../core/errors';
import { mediaFiles } from '../../../db/schema/content';
import type { Tx } from '../../../db/tenant-context';

/**
 * Attachments must be the user's own live uploads in this tenant (RLS hides every
 * other tenant's). An attachment is a use of the file: the database counts it
 * (migration 0151) with an update of the file's row, so the rows are locked here the
 * way that update locks them (FOR NO KEY UPDATE, in id order — the order the counting
 * trigger takes them in): a file cannot be trashed or deleted between this check and
 * the commit, and two messages attaching the same files wait for each other instead
 * of deadlocking on a share lock both want to upgrade.
 * Returns the ids without repetitions, in the given order; 422 names each bad one.
 */
export async function ownAttachments(tx: Tx, tenantId: string, userId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = await tx
    .select({ id: mediaFiles.id })
    .from(mediaFiles)
    .where(and(eq(mediaFiles.tenantId, tenantId), inArray(mediaFiles.id, unique), eq(mediaFiles.uploaderId, userId), isNull(mediaFiles.deletedAt)))
    .orderBy(asc(mediaFiles.id))
    .for('no key update');
  const owned = new Set(found.map((r) => r.id));
  const missing = unique.filter((id) => !owned.has(id));
  if (missing.length) {
    throw new AppError('INVALID_ATTACHMENTS', 'Attachments must be your own uploaded files', {
      errors: missing.map((id) => ({ path: `attachments.${ids.indexOf(id)}`, message: `${id} is not one of your files` })),
    });
  }
  return unique;
}
