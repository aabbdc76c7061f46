import { sql } from 'drizzle-orm';
import { rows } from '../../db/sql';
import type { Tx } from '../../db/tenant-context';

/**
 * Writes the permission catalog and the system roles into the database (run by
 * `mono migrate` and when a tenant is created). test/helpers/global-setup.ts fingerprints
 * this file: a change here rebuilds the test template.
 */

/** Adds new names to the global `permissions` table and refreshes changed descriptions. */
export async function upsertPermissions(tx: Tx, entries: { name: string; description: string }[]): Promise<void> {
  await tx.execute(sql`
    insert into permissions (name, description)
    select e.name, e.description from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as e(name text, description text)
    on conflict (name) do update set description = excluded.description
      where permissions.description is distinct from excluded.description`);
}

/**
 * Removes names no longer in the catalog unless a grant still points at them. A
 * deliberate scan of every tenant's grants: the catalog is global, the owner runs this.
 * In steps, not one DELETE with sub-queries: on Citus permissions is a reference table and
 * the grants are distributed, which one statement may not mix (docs/citus.md).
 */
export async function deleteUnusedPermissions(tx: Tx, keep: string[]): Promise<void> {
  const gone = await rows<{ id: string }>(
    tx,
    sql`select p.id from permissions p where p.name not in (select jsonb_array_elements_text(${JSON.stringify(keep)}::jsonb))`,
  );
  if (!gone.length) return;
  const ids = JSON.stringify(gone.map((r) => r.id));
  const used = await rows<{ id: string }>(
    tx,
    sql`select rp.permission_id as id from role_permissions rp where rp.permission_id in (select jsonb_array_elements_text(${ids}::jsonb)::uuid)
        union
        select up.permission_id from user_permissions up where up.permission_id in (select jsonb_array_elements_text(${ids}::jsonb)::uuid)`,
  );
  const unused = gone.map((r) => r.id).filter((id) => !used.some((u) => u.id === id));
  if (unused.length) await tx.execute(sql`delete from permissions where id in (select jsonb_array_elements_text(${JSON.stringify(unused)}::jsonb)::uuid)`);
}

export interface SystemRoleDefinition {
  name: string;
  description: string;
  level: string;
  permissions: readonly string[];
}

/**
 * Gives every tenant — or the one named — exactly the system roles defined: the roles
 * (the PLATFORM-level ones only in the platform tenant) and their permissions, missing
 * ones added and others removed. Set-based, so it costs the same for one tenant or
 * thousands. Without `tenantId` these statements deliberately scan every tenant's roles
 * (platform path: `mono migrate` after a catalog change); with it every statement names
 * the tenant.
 */
export async function syncSystemRoleRows(tx: Tx, roles: readonly SystemRoleDefinition[], platformTenant: string, tenantId?: string): Promise<void> {
  const definitions = JSON.stringify(roles);
  const onlyTenant = (column: ReturnType<typeof sql.raw>) => (tenantId ? sql`and ${column} = ${tenantId}` : sql``);
  await tx.execute(sql`
    insert into roles (tenant_id, name, description, type, level)
    select t.id, r.name, r.description, 'SYSTEM', r.level::role_level
      from tenants t cross join jsonb_to_recordset(${definitions}::jsonb) as r(name text, description text, level text)
     where (r.level <> 'PLATFORM' or t.identifier = ${platformTenant}) ${onlyTenant(sql.raw('t.id'))}
    on conflict (tenant_id, name) do update
       set description = excluded.description, type = 'SYSTEM', level = excluded.level
     where roles.description is distinct from excluded.description or roles.type <> 'SYSTEM' or roles.level <> excluded.level`);
  const desired = sql`
    select ro.tenant_id, ro.id as role_id, p.id as permission_id
      from roles ro
      join tenants t on t.id = ro.tenant_id
      join jsonb_to_recordset(${definitions}::jsonb) as r(name text, permissions text[]) on r.name = ro.name
      join permissions p on p.name = any(r.permissions)
     where ro.type = 'SYSTEM' ${onlyTenant(sql.raw('ro.tenant_id'))}`;
  await tx.execute(sql`
    insert into role_permissions (tenant_id, role_id, permission_id)
    select tenant_id, role_id, permission_id from (${desired}) d
    on conflict (tenant_id, role_id, permission_id) do nothing`);
  await tx.execute(sql`
    delete from role_permissions rp
     using roles ro, tenants t
     where ro.tenant_id = rp.tenant_id and ro.id = rp.role_id and ro.type = 'SYSTEM' and t.id = ro.tenant_id ${onlyTenant(sql.raw('rp.tenant_id'))}
       and not exists (select 1 from (${desired}) d where d.tenant_id = rp.tenant_id and d.role_id = rp.role_id and d.permission_id = rp.permission_id)`);
}
