import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { permissions, rolePermissions, roles, tenants, userPermissions, userRoles, users } from '../../db/schema';
import { firstRow, rows } from '../../db/sql';
import type { TenantTx, Tx } from '../../db/tenant-context';
import type { RoleLevel } from '../access';

/**
 * Every query of roles and grants. Tenant-side functions take the tenant-bound
 * transaction and name `tx.tenantId` in every statement on a tenant table (roles,
 * role_permissions, user_roles, user_permissions, users); `permissions` is the global
 * catalog.
 */

export type RoleRow = typeof roles.$inferSelect;
export type PermissionRow = typeof permissions.$inferSelect;
export type UserRoleRow = typeof userRoles.$inferSelect;
export type UserPermissionRow = typeof userPermissions.$inferSelect;

/** The whole permission catalog, by name (platform). */
export async function listPermissionCatalog(tx: Tx): Promise<PermissionRow[]> {
  return tx.select().from(permissions).orderBy(asc(permissions.name));
}

/** The identifier of the transaction's tenant (to tell the platform tenant apart). */
export async function tenantIdentifier(tx: TenantTx): Promise<string | undefined> {
  const [tenant] = await tx.select({ identifier: tenants.identifier }).from(tenants).where(eq(tenants.id, tx.tenantId));
  return tenant?.identifier;
}

/** Catalog ids of permission names; names that are not in the catalog are missing from the map. */
export async function permissionIdsByName(tx: TenantTx, names: readonly string[]): Promise<Map<string, string>> {
  if (!names.length) return new Map();
  const found = await tx
    .select({ id: permissions.id, name: permissions.name })
    .from(permissions)
    .where(inArray(permissions.name, [...names]));
  return new Map(found.map((f) => [f.name, f.id]));
}

// ── roles ─────────────────────────────────────────────────────────────────────────

export async function findRole(tx: TenantTx, by: { id: string } | { name: string }): Promise<RoleRow | undefined> {
  const [role] = await tx
    .select()
    .from(roles)
    .where(and(eq(roles.tenantId, tx.tenantId), 'id' in by ? eq(roles.id, by.id) : eq(roles.name, by.name)));
  return role;
}

/** The permission names of a role, sorted. */
export async function rolePermissionNames(tx: TenantTx, roleId: string): Promise<string[]> {
  const found = await rows<{ name: string }>(
    tx,
    sql`select p.name from role_permissions rp join permissions p on p.id = rp.permission_id
         where rp.tenant_id = ${tx.tenantId} and rp.role_id = ${roleId} order by p.name`,
  );
  return found.map((p) => p.name);
}

/** Every role of the tenant with its permission names, in one query (system roles first, then by name). */
export async function listRolesWithPermissions(tx: TenantTx): Promise<(RoleRow & { permissions: string[] | null })[]> {
  return rows<RoleRow & { permissions: string[] | null }>(
    tx,
    sql`select r.id, r.name, r.description, r.type, r.level, r.created_at as "createdAt", r.updated_at as "updatedAt",
               array_agg(p.name order by p.name) filter (where p.name is not null) as permissions
          from roles r
          left join role_permissions rp on rp.tenant_id = r.tenant_id and rp.role_id = r.id
          left join permissions p on p.id = rp.permission_id
         where r.tenant_id = ${tx.tenantId}
         group by r.tenant_id, r.id
         order by r.type, r.name`,
  );
}

export async function insertRole(tx: TenantTx, values: { name: string; description: string | null; level: RoleLevel }): Promise<RoleRow> {
  const [role] = await tx
    .insert(roles)
    .values({ tenantId: tx.tenantId, ...values, type: 'CUSTOM' })
    .returning();
  return role!;
}

export async function updateRole(tx: TenantTx, roleId: string, changes: Partial<Pick<RoleRow, 'name' | 'description'>>): Promise<RoleRow> {
  const [role] = await tx
    .update(roles)
    .set(changes)
    .where(and(eq(roles.tenantId, tx.tenantId), eq(roles.id, roleId)))
    .returning();
  return role!;
}

export async function deleteRole(tx: TenantTx, roleId: string): Promise<void> {
  await tx.delete(roles).where(and(eq(roles.tenantId, tx.tenantId), eq(roles.id, roleId)));
}

/** Replaces the role's permissions with these catalog ids. */
export async function replaceRolePermissions(tx: TenantTx, roleId: string, permissionIds: readonly string[]): Promise<void> {
  await tx.delete(rolePermissions).where(and(eq(rolePermissions.tenantId, tx.tenantId), eq(rolePermissions.roleId, roleId)));
  await addRolePermissions(tx, roleId, permissionIds);
}

export async function addRolePermissions(tx: TenantTx, roleId: string, permissionIds: readonly string[]): Promise<void> {
  if (!permissionIds.length) return;
  await tx.insert(rolePermissions).values(permissionIds.map((permissionId) => ({ tenantId: tx.tenantId, roleId, permissionId })));
}

// ── grants of a user ───────────────────────────────────────────────────────────────

export async function isLiveUser(tx: TenantTx, userId: string): Promise<boolean> {
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tx.tenantId), eq(users.id, userId), isNull(users.deletedAt)));
  return user !== undefined;
}

export interface RoleAssignmentRow {
  id: string;
  roleId: string;
  role: string;
  level: RoleLevel;
  accountId: string | null;
  assignedAt: Date;
  assignedBy: string | null;
  expiresAt: Date | null;
}

export async function listRoleAssignments(tx: TenantTx, userId: string): Promise<RoleAssignmentRow[]> {
  return rows<RoleAssignmentRow>(
    tx,
    sql`select ur.id, ur.role_id as "roleId", r.name as role, r.level, ur.account_id as "accountId", ur.assigned_at as "assignedAt",
               ur.assigned_by as "assignedBy", ur.expires_at as "expiresAt"
          from user_roles ur join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
         where ur.tenant_id = ${tx.tenantId} and ur.user_id = ${userId}
         order by ur.assigned_at, ur.id`,
  );
}

export interface PermissionGrantRow {
  id: string;
  permission: string;
  granted: boolean;
  accountId: string | null;
  assignedAt: Date;
  assignedBy: string | null;
  expiresAt: Date | null;
}

export async function listPermissionGrants(tx: TenantTx, userId: string): Promise<PermissionGrantRow[]> {
  return rows<PermissionGrantRow>(
    tx,
    sql`select up.id, p.name as permission, up.granted, up.account_id as "accountId", up.assigned_at as "assignedAt",
               up.assigned_by as "assignedBy", up.expires_at as "expiresAt"
          from user_permissions up join permissions p on p.id = up.permission_id
         where up.tenant_id = ${tx.tenantId} and up.user_id = ${userId}
         order by up.assigned_at, up.id`,
  );
}

export async function insertRoleAssignment(
  tx: TenantTx,
  values: { userId: string; roleId: string; accountId: string | null; assignedBy: string; expiresAt: Date | null },
): Promise<UserRoleRow> {
  const [row] = await tx
    .insert(userRoles)
    .values({ tenantId: tx.tenantId, ...values })
    .returning();
  return row!;
}

/** A role assignment of the user. */
export async function findRoleAssignment(tx: TenantTx, userId: string, assignmentId: string): Promise<UserRoleRow | undefined> {
  const [row] = await tx
    .select()
    .from(userRoles)
    .where(and(eq(userRoles.tenantId, tx.tenantId), eq(userRoles.id, assignmentId), eq(userRoles.userId, userId)));
  return row;
}

export async function deleteRoleAssignment(tx: TenantTx, assignmentId: string): Promise<void> {
  await tx.delete(userRoles).where(and(eq(userRoles.tenantId, tx.tenantId), eq(userRoles.id, assignmentId)));
}

export async function insertPermissionGrant(
  tx: TenantTx,
  values: { userId: string; permissionId: string; granted: boolean; accountId: string | null; assignedBy: string; expiresAt: Date | null },
): Promise<UserPermissionRow> {
  const [row] = await tx
    .insert(userPermissions)
    .values({ tenantId: tx.tenantId, ...values })
    .returning();
  return row!;
}

/** A direct grant (or deny) of the user, with the permission's name. */
export async function findPermissionGrant(tx: TenantTx, userId: string, grantId: string): Promise<{ name: string; accountId: string | null } | undefined> {
  return firstRow<{ name: string; accountId: string | null }>(
    tx,
    sql`select p.name, up.account_id as "accountId"
          from user_permissions up join permissions p on p.id = up.permission_id
         where up.tenant_id = ${tx.tenantId} and up.id = ${grantId} and up.user_id = ${userId}`,
  );
}

export async function deletePermissionGrant(tx: TenantTx, grantId: string): Promise<void> {
  await tx.delete(userPermissions).where(and(eq(userPermissions.tenantId, tx.tenantId), eq(userPermissions.id, grantId)));
}
