import { sql } from 'drizzle-orm';
import { systemContext } from '../../core/context';
import type { Database } from '../../db/client';
import type { Tx } from '../../db/tenant-context';
import { withPlatform } from '../../db/tenant-context';
import { TIERS } from '../../http/kit/tiers';
import { permissionCatalog, systemRoles } from './catalog';

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
  await tx.execute(sql`
    insert into permissions (name, description)
    select e.name, e.description from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as e(name text, description text)
    on conflict (name) do update set description = excluded.description
      where permissions.description is distinct from excluded.description`);
  await tx.execute(sql`
    delete from permissions p
     where p.name not in (select jsonb_array_elements_text(${JSON.stringify(entries.map((e) => e.name))}::jsonb))
       and not exists (select 1 from role_permissions rp where rp.permission_id = p.id)
       and not exists (select 1 from user_permissions up where up.permission_id = p.id)`);
}

/**
 * Gives every tenant (or one) the system roles with exactly their defined
 * permissions. Set-based, so it costs the same for one tenant or thousands.
 */
export async function syncSystemRoles(tx: Tx, platformTenant: string, tenantId?: string): Promise<void> {
  const roles = JSON.stringify(systemRoles);
  const tenantFilter = tenantId ? sql`and t.id = ${tenantId}` : sql``;
  await tx.execute(sql`
    insert into roles (tenant_id, name, description, type, level)
    select t.id, r.name, r.description, 'SYSTEM', r.level::role_level
      from tenants t cross join jsonb_to_recordset(${roles}::jsonb) as r(name text, description text, level text)
     where (r.level <> 'PLATFORM' or t.identifier = ${platformTenant}) ${tenantFilter}
    on conflict (tenant_id, name) do update
       set description = excluded.description, type = 'SYSTEM', level = excluded.level
     where roles.description is distinct from excluded.description or roles.type <> 'SYSTEM' or roles.level <> excluded.level`);
  const desired = sql`
    select ro.tenant_id, ro.id as role_id, p.id as permission_id
      from roles ro
      join tenants t on t.id = ro.tenant_id
      join jsonb_to_recordset(${roles}::jsonb) as r(name text, permissions text[]) on r.name = ro.name
      join permissions p on p.name = any(r.permissions)
     where ro.type = 'SYSTEM' ${tenantFilter}`;
  await tx.execute(sql`
    insert into role_permissions (tenant_id, role_id, permission_id)
    select tenant_id, role_id, permission_id from (${desired}) d
    on conflict (tenant_id, role_id, permission_id) do nothing`);
  await tx.execute(sql`
    delete from role_permissions rp
     using roles ro, tenants t
     where ro.tenant_id = rp.tenant_id and ro.id = rp.role_id and ro.type = 'SYSTEM' and t.id = ro.tenant_id ${tenantFilter}
       and not exists (select 1 from (${desired}) d where d.role_id = rp.role_id and d.permission_id = rp.permission_id)`);
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
