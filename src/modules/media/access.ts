import type { RequestContext, Scope } from '../../core/context';
import { AppError } from '../../core/errors';
import { isUuid } from '../../core/ids';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import type { MediaDeps } from './deps';
import { canInScope, canOnFile, canReadAsParty, type MediaAction } from './policy';
import { accountIsLive, attachmentReferences, findFile, type MediaRow } from './repository';

/** The checks the media use cases share. */

/**
 * May the caller read this file: as its owner or a reader of its library (policy), or —
 * for a file not in the trash — as a party of an application or message that attaches
 * it (one query for the references).
 */
export async function mayRead(tx: TenantTx, ctx: RequestContext, file: MediaRow): Promise<boolean> {
  if (canOnFile(ctx, file, 'read')) return true;
  if (file.deletedAt || !ctx.actor) return false;
  return canReadAsParty(ctx, await attachmentReferences(tx, file.id, ctx.actor.userId));
}

/**
 * Loads a file of `scope` for an action (locked unless it is a read): outside the scope,
 * missing or invisible → 404; visible but not allowed → 403.
 */
export async function authorizedFile(tx: TenantTx, ctx: RequestContext, scope: Scope, id: string, action: MediaAction): Promise<MediaRow> {
  const file = isUuid(id) ? await findFile(tx, scope, id, { lock: action !== 'read' }) : undefined;
  if (!file || !(await mayRead(tx, ctx, file))) throw new AppError('MEDIA_NOT_FOUND');
  if (action !== 'read' && !canOnFile(ctx, file, action)) throw new AppError('FORBIDDEN', `You may not ${action} this file`);
  return file;
}

/** 403 unless the caller may list (or upload into) the scope. */
export function requireScope(ctx: RequestContext, scope: Scope, action: MediaAction): void {
  if (!canInScope(ctx, scope, action)) throw new AppError('FORBIDDEN', `You may not ${action === 'read' ? 'see' : action} media files here`);
}

/**
 * Work in a scope, in one transaction: an account scope must name a live account of the
 * tenant (a tenant-wide grant passes the guard for any id; another tenant's account must
 * still be a 404, not an empty list).
 */
export function withScope<T>(deps: MediaDeps, ctx: RequestContext, scope: Scope, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  return withTenant(deps.db, ctx, async (tx) => {
    if (scope.kind === 'account' && !(isUuid(scope.accountId) && (await accountIsLive(tx, scope.accountId)))) throw new AppError('ACCOUNT_NOT_FOUND');
    return fn(tx);
  });
}
