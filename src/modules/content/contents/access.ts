import { type PermissionChecker, type Scope, tenantScope } from '../../../core/context';
import { AppError } from '../../../core/errors';
import type { TenantTx } from '../../../db/tenant-context';
import { authorizeAction, type ContentAction, mayAttempt, mayReadAnyState } from '../shared/policy';
import { type ContentView, presentContent } from './presenters';
import { accountExists, type ContentHead, findContent, lockContent, usableMediaIds } from './repository';

/**
 * The checks the content use cases share. Each runs inside the use case's transaction.
 */

/**
 * The live content in `scope`, locked for the rest of the transaction, if the caller may
 * see it or take `action` on it (otherwise 404: its existence is not revealed), and the
 * action allowed by the workflow (otherwise 403/409).
 */
export async function lockForAction(tx: TenantTx, permissions: PermissionChecker, scope: Scope, id: string, action: ContentAction): Promise<ContentHead> {
  const head = await lockContent(tx, scope, id);
  if (!head || (!mayReadAnyState(permissions, head.accountId) && !mayAttempt(permissions, action, head.accountId))) {
    throw new AppError('CONTENT_NOT_FOUND');
  }
  authorizeAction(permissions, head, action);
  return head;
}

/**
 * Media must be the tenant's, live, and the account's or the actor's own personal
 * files (the FK only knows the tenant); see usableMediaIds.
 */
export async function checkMedia(
  tx: TenantTx,
  use: { accountId: string; actorId: string | null; contentId?: string },
  input: { featuredImageId?: string | null; mediaIds?: string[] },
): Promise<void> {
  const wanted = [...(input.featuredImageId ? [input.featuredImageId] : []), ...(input.mediaIds ?? [])];
  const usable = await usableMediaIds(tx, use, wanted);
  const missing = [...new Set(wanted.filter((id) => !usable.has(id)))];
  if (missing.length) {
    throw new AppError('UNKNOWN_MEDIA', 'A media file does not exist, is in the trash, or belongs to another account or person', {
      errors: missing.map((id) => ({ path: id === input.featuredImageId ? 'featuredImageId' : 'mediaIds', message: `media ${id} is not usable here` })),
      extra: { mediaIds: missing },
    });
  }
}

/** An account named by the caller must be a live one of this tenant: another tenant's looks missing. */
export async function requireAccount(tx: TenantTx, accountId: string): Promise<void> {
  if (!(await accountExists(tx, accountId))) throw new AppError('ACCOUNT_NOT_FOUND');
}

/** The content as its author or a moderator sees it after a change. */
export async function viewAfterChange(tx: TenantTx, permissions: PermissionChecker, id: string): Promise<ContentView> {
  const row = await findContent(tx, tenantScope, id);
  if (!row) throw new AppError('CONTENT_NOT_FOUND');
  return presentContent(row, permissions);
}
