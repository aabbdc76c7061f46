import { createHash } from 'node:crypto';
import { systemContext } from '../../core/context';
import type { Database } from '../../db/client';
import type { Tx } from '../../db/tenant-context';
import { withPlatform } from '../../db/tenant-context';
import { TIERS } from '../../http/kit/tiers';
import { permissionCatalog, systemRoles } from './catalog';
import { deleteUnusedPermissions, syncSystemRoleRows, upsertPermissions } from './sync-repository';

/**
 * Every grantable name: the catalog plus its wildcard forms per segment
 * (tier.resource.*, tier.*.action, tier.*.*) and '*'.
 */
export function grantableNames(): Map<string, string> {
  const names = new Map<string, string>(Object.entries(permissionCatalog));
  names.set('*', 'Everything (platform administrators only)');
  for (const tier of TIERS) {
    const inTier = Object.keys(permissionCatalog).filter((name) => name.startsWith(`${tier}.`));
    if (inTier.length === 0) continue;
    names.set(`${tier}.*.*`, `Everything in the ${tier} tier`);
    for (const name of inTier) {
      const [, resource, action] = name.split('.');
      names.set(`${tier}.${resource}.*`, `Everything on ${tier} ${resource}`);
      names.set(`${tier}.*.${action}`, `${action} on every ${tier} resource`);
    }
  }
  return names;
}

/**
 * Writes the catalog into `permissions`: new names added, descriptions refreshed,
 * names no longer in the code removed unless a grant still points at them.
 */
export async function syncPermissionCatalog(tx: Tx): Promise<void> {
  const entries = [...grantableNames()].map(([name, description]) => ({ name, description }));
  await upsertPermissions(tx, entries);
  await deleteUnusedPermissions(
    tx,
    entries.map((e) => e.name),
  );
}

/**
 * Gives every tenant (or one) the system roles with exactly their defined
 * permissions. Set-based, so it costs the same for one tenant or thousands.
 */
export async function syncSystemRoles(tx: Tx, platformTenant: string, tenantId?: string): Promise<void> {
  await syncSystemRoleRows(tx, systemRoles, platformTenant, tenantId);
}

/**
 * What syncRbac writes, as a hash: the grantable names with their descriptions and the
 * system roles. A database synced under the same fingerprint, with no tenant created
 * since, would not change by syncing again (the embedded template: pglite-template.ts).
 */
export function rbacFingerprint(): string {
  return createHash('sha256')
    .update(JSON.stringify({ names: [...grantableNames()], roles: systemRoles }))
    .digest('hex');
}

/**
 * Both syncs. The catalog is a global table only the owner (the migrating user) may
 * change; the roles are tenant data, changed by the system on the platform path so
 * the audit trail records it.
 */
export async function syncRbac(db: Database, platformTenant: string): Promise<void> {
  await db.transaction('', (tx) => syncPermissionCatalog(tx));
  await withPlatform(db, systemContext(null, 'rbac-sync'), (tx) => syncSystemRoles(tx, platformTenant));
}
