import { type RequestContext, requireTenant } from '../../core/context';
import { AppError } from '../../core/errors';
import { withTenant } from '../../db/tenant-context';
import type { TenantDeps } from './deps';
import { restoreTenantAdmin } from './repository';

/**
 * An operator's way back when a tenant has no usable administrator (the database keeps
 * one, but e.g. the only one forgot their password and lost their second factor): the
 * named person of the tenant becomes a permanent tenant administrator again, reactivated
 * if they were deactivated. The change is in the audit trail like any other.
 */
export async function recoverTenantAdmin(deps: TenantDeps, ctx: RequestContext, user: string) {
  requireTenant(ctx);
  const restored = await withTenant(deps.db, ctx, (tx) => restoreTenantAdmin(tx, user));
  if (!restored) throw new AppError('USER_NOT_FOUND', `No live user "${user}" in this tenant (give an e-mail address or a user id)`);
  return restored;
}
