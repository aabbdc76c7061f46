import type { RequestContext } from '../../core/context';
import { withPlatform } from '../../db/tenant-context';
import { permissionCatalog } from '../access';
import type { RbacDeps } from './deps';
import { listPermissionCatalog } from './repository';

/** The whole catalog, with the wildcard forms (platform tier). */
export async function listCatalog(deps: RbacDeps, ctx: RequestContext) {
  const all = await withPlatform(deps.db, ctx, (tx) => listPermissionCatalog(tx));
  return all.map((p) => ({ name: p.name, description: p.description, wildcard: p.name.includes('*') }));
}

/** What the caller may do, as catalog names (for UIs to show or hide actions). No database: the permissions are resolved already. */
export function effectivePermissions(ctx: RequestContext) {
  const names = Object.keys(permissionCatalog);
  return {
    tenant: names.filter((n) => ctx.permissions.can(n)),
    accounts: ctx.permissions.accountIds.map((accountId) => ({
      accountId,
      permissions: names.filter((n) => ctx.permissions.can(n, accountId)),
    })),
  };
}
