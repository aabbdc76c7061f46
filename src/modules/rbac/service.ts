import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { changesOf, hasChanges } from '../../core/patch';
import type { Database } from '../../db/client';
import { permissions as permissionsTable, rolePermissions, roles, tenants, userPermissions, userRoles, users } from '../../db/schema';
import { rows } from '../../db/sql';
import { type Tx, withPlatform, withTenant } from '../../db/tenant-context';
import { assertHoldsAll, assertLevelAtMost, assertScopable, assertTierAllowed, levelOf, permissionCatalog, type RoleLevel } from '../access';

const toIso = (d: Date | null) => (d ? d.toISOString() : null);

type RoleRow = typeof roles.$inferSelect;

/**
 * Roles and grants of one tenant. Every change goes through the escalation rules
 * (policy.ts): nobody hands out a permission they lack, or a role above their level.
 */
export function createRbacService(deps: { db: Database; config: Config }) {
  const { db, config } = deps;

  async function isPlatformTenant(tx: Tx): Promise<boolean> {
    const [tenant] = await tx.select({ identifier: tenants.identifier }).from(tenants);
    return tenant?.identifier === config.platformTenant;
  }

  async function permissionIds(tx: Tx, names: string[]): Promise<Map<string, string>> {
    if (!names.length) return new Map();
    const found = await tx.select({ id: permissionsTable.id, name: permissionsTable.name }).from(permissionsTable).where(inArray(permissionsTable.name, names));
    const unknown = names.filter((n) => !found.some((f) => f.name === n));
    if (unknown.length) throw new AppError('UNKNOWN_PERMISSION', `Not in the permission catalog: ${unknown.join(', ')}`);
    return new Map(found.map((f) => [f.name, f.id]));
  }

  async function roleWithPermissions(tx: Tx, role: RoleRow) {
    const perms = await rows<{ name: string }>(
      tx,
      sql`select p.name from role_permissions rp join permissions p on p.id = rp.permission_id where rp.role_id = ${role.id} order by p.name`,
    );
    return {
      id: role.id,
      name: role.name,
      description: role.description,
      type: role.type,
      level: role.level,
      permissions: perms.map((p) => p.name),
      createdAt: role.createdAt.toISOString(),
      updatedAt: role.updatedAt.toISOString(),
    };
  }

  async function loadRole(tx: Tx, roleId: string): Promise<RoleRow> {
    const [role] = await tx.select().from(roles).where(eq(roles.id, roleId));
    if (!role) throw new AppError('ROLE_NOT_FOUND');
    return role;
  }

  async function mutableRole(ctx: RequestContext, tx: Tx, roleId: string): Promise<RoleRow> {
    const role = await loadRole(tx, roleId);
    if (role.type === 'SYSTEM') throw new AppError('SYSTEM_ROLE', 'System roles are defined by the platform and cannot be changed');
    assertLevelAtMost(await levelOf(tx, ctx.actor!.userId), role.level);
    return role;
  }

  async function checkGrantable(ctx: RequestContext, tx: Tx, patterns: string[], level: RoleLevel | null, accountId: string | null | undefined) {
    assertTierAllowed(patterns, await isPlatformTenant(tx));
    if (accountId) assertScopable(patterns, level);
    if (level) assertLevelAtMost(await levelOf(tx, ctx.actor!.userId), level);
    assertHoldsAll(ctx.permissions, patterns, accountId);
  }

  async function assertUser(tx: Tx, userId: string) {
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, userId), sql`${users.deletedAt} is null`));
    if (!user) throw new AppError('USER_NOT_FOUND');
  }

  return {
    /** The whole catalog, with the wildcard forms (platform tier). */
    async listCatalog(ctx: RequestContext) {
      const all = await withPlatform(db, ctx, (tx) => tx.select().from(permissionsTable).orderBy(asc(permissionsTable.name)));
      return all.map((p) => ({ name: p.name, description: p.description, wildcard: p.name.includes('*') }));
    },

    async listRoles(ctx: RequestContext) {
      return withTenant(db, ctx, async (tx) => {
        // One query for all roles and their permissions (a transaction runs one query at a time).
        const all = await rows<RoleRow & { permissions: string[] | null }>(
          tx,
          sql`select r.id, r.name, r.description, r.type, r.level, r.created_at as "createdAt", r.updated_at as "updatedAt",
                     array_agg(p.name order by p.name) filter (where p.name is not null) as permissions
                from roles r
                left join role_permissions rp on rp.tenant_id = r.tenant_id and rp.role_id = r.id
                left join permissions p on p.id = rp.permission_id
               group by r.tenant_id, r.id
               order by r.type, r.name`,
        );
        return all.map((role) => ({
          id: role.id,
          name: role.name,
          description: role.description,
          type: role.type,
          level: role.level,
          permissions: role.permissions ?? [],
          createdAt: role.createdAt.toISOString(),
          updatedAt: role.updatedAt.toISOString(),
        }));
      });
    },

    async getRole(ctx: RequestContext, roleId: string) {
      return withTenant(db, ctx, async (tx) => roleWithPermissions(tx, await loadRole(tx, roleId)));
    },

    async createRole(ctx: RequestContext, input: { name: string; description?: string; level: RoleLevel; permissions: string[] }) {
      return withTenant(db, ctx, async (tx) => {
        await checkGrantable(ctx, tx, input.permissions, input.level, null);
        const ids = await permissionIds(tx, input.permissions);
        const [role] = await tx
          .insert(roles)
          .values({ tenantId: ctx.tenantId!, name: input.name, description: input.description ?? null, level: input.level, type: 'CUSTOM' })
          .returning();
        if (ids.size)
          await tx.insert(rolePermissions).values([...ids.values()].map((permissionId) => ({ tenantId: ctx.tenantId!, roleId: role!.id, permissionId })));
        return roleWithPermissions(tx, role!);
      });
    },

    async updateRole(ctx: RequestContext, roleId: string, input: { name?: string; description?: string | null }) {
      return withTenant(db, ctx, async (tx) => {
        const current = await mutableRole(ctx, tx, roleId);
        const changes = changesOf(input);
        const [role] = hasChanges(changes) ? await tx.update(roles).set(changes).where(eq(roles.id, roleId)).returning() : [current];
        return roleWithPermissions(tx, role!);
      });
    },

    /** Replaces the role's permissions. Adding needs the permissions; removing needs the level. */
    async setRolePermissions(ctx: RequestContext, roleId: string, names: string[]) {
      return withTenant(db, ctx, async (tx) => {
        const role = await mutableRole(ctx, tx, roleId);
        const current = (await roleWithPermissions(tx, role)).permissions;
        const added = names.filter((n) => !current.includes(n));
        await checkGrantable(ctx, tx, added, role.level, null);
        const ids = await permissionIds(tx, [...new Set(names)]);
        await tx.delete(rolePermissions).where(eq(rolePermissions.roleId, roleId));
        if (ids.size) await tx.insert(rolePermissions).values([...ids.values()].map((permissionId) => ({ tenantId: ctx.tenantId!, roleId, permissionId })));
        return roleWithPermissions(tx, role);
      });
    },

    async deleteRole(ctx: RequestContext, roleId: string) {
      await withTenant(db, ctx, async (tx) => {
        await mutableRole(ctx, tx, roleId);
        await tx.delete(roles).where(eq(roles.id, roleId));
      });
    },

    async listUserGrants(ctx: RequestContext, userId: string) {
      return withTenant(db, ctx, async (tx) => {
        await assertUser(tx, userId);
        const assigned = await rows<{
          id: string;
          role_id: string;
          role: string;
          level: RoleLevel;
          account_id: string | null;
          assigned_at: Date;
          assigned_by: string | null;
          expires_at: Date | null;
        }>(
          tx,
          sql`select ur.id, ur.role_id, r.name as role, r.level, ur.account_id, ur.assigned_at, ur.assigned_by, ur.expires_at
                from user_roles ur join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
               where ur.user_id = ${userId} order by ur.assigned_at, ur.id`,
        );
        const granted = await rows<{
          id: string;
          permission: string;
          granted: boolean;
          account_id: string | null;
          assigned_at: Date;
          assigned_by: string | null;
          expires_at: Date | null;
        }>(
          tx,
          sql`select up.id, p.name as permission, up.granted, up.account_id, up.assigned_at, up.assigned_by, up.expires_at
                from user_permissions up join permissions p on p.id = up.permission_id
               where up.user_id = ${userId} order by up.assigned_at, up.id`,
        );
        return {
          roles: assigned.map((a) => ({
            id: a.id,
            roleId: a.role_id,
            role: a.role,
            level: a.level,
            accountId: a.account_id,
            assignedAt: a.assigned_at.toISOString(),
            assignedBy: a.assigned_by,
            expiresAt: toIso(a.expires_at),
          })),
          permissions: granted.map((g) => ({
            id: g.id,
            permission: g.permission,
            granted: g.granted,
            accountId: g.account_id,
            assignedAt: g.assigned_at.toISOString(),
            assignedBy: g.assigned_by,
            expiresAt: toIso(g.expires_at),
          })),
        };
      });
    },

    async assignRole(ctx: RequestContext, userId: string, input: { roleId?: string; role?: string; accountId?: string | null; expiresAt?: string | null }) {
      return withTenant(db, ctx, async (tx) => {
        await assertUser(tx, userId);
        const [role] = await tx
          .select()
          .from(roles)
          .where(input.roleId ? eq(roles.id, input.roleId) : eq(roles.name, input.role!));
        if (!role) throw new AppError('ROLE_NOT_FOUND');
        const rolePerms = (await roleWithPermissions(tx, role)).permissions;
        await checkGrantable(ctx, tx, rolePerms, role.level, input.accountId);
        const [assignment] = await tx
          .insert(userRoles)
          .values({
            tenantId: ctx.tenantId!,
            userId,
            roleId: role.id,
            accountId: input.accountId ?? null,
            assignedBy: ctx.actor!.userId,
            expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
          })
          .returning();
        return {
          id: assignment!.id,
          roleId: role.id,
          role: role.name,
          level: role.level,
          accountId: assignment!.accountId,
          assignedAt: assignment!.assignedAt.toISOString(),
          assignedBy: assignment!.assignedBy,
          expiresAt: toIso(assignment!.expiresAt),
        };
      });
    },

    /** Taking a role away needs the same standing as giving it. */
    async revokeRole(ctx: RequestContext, userId: string, assignmentId: string) {
      await withTenant(db, ctx, async (tx) => {
        const [assignment] = await tx
          .select()
          .from(userRoles)
          .where(and(eq(userRoles.id, assignmentId), eq(userRoles.userId, userId)));
        if (!assignment) throw new AppError('ROLE_ASSIGNMENT_NOT_FOUND');
        const role = await loadRole(tx, assignment.roleId);
        assertLevelAtMost(await levelOf(tx, ctx.actor!.userId), role.level);
        await tx.delete(userRoles).where(eq(userRoles.id, assignmentId));
      });
    },

    async grantPermission(
      ctx: RequestContext,
      userId: string,
      input: { permission: string; granted: boolean; accountId?: string | null; expiresAt?: string | null },
    ) {
      return withTenant(db, ctx, async (tx) => {
        await assertUser(tx, userId);
        await checkGrantable(ctx, tx, [input.permission], null, input.accountId);
        const ids = await permissionIds(tx, [input.permission]);
        const [grant] = await tx
          .insert(userPermissions)
          .values({
            tenantId: ctx.tenantId!,
            userId,
            permissionId: ids.get(input.permission)!,
            granted: input.granted,
            accountId: input.accountId ?? null,
            assignedBy: ctx.actor!.userId,
            expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
          })
          .returning();
        return {
          id: grant!.id,
          permission: input.permission,
          granted: grant!.granted,
          accountId: grant!.accountId,
          assignedAt: grant!.assignedAt.toISOString(),
          assignedBy: grant!.assignedBy,
          expiresAt: toIso(grant!.expiresAt),
        };
      });
    },

    async revokePermission(ctx: RequestContext, userId: string, grantId: string) {
      await withTenant(db, ctx, async (tx) => {
        const [grant] = await rows<{ name: string; account_id: string | null }>(
          tx,
          sql`select p.name, up.account_id from user_permissions up join permissions p on p.id = up.permission_id where up.id = ${grantId} and up.user_id = ${userId}`,
        );
        if (!grant) throw new AppError('GRANT_NOT_FOUND');
        assertHoldsAll(ctx.permissions, [grant.name], grant.account_id);
        await tx.delete(userPermissions).where(eq(userPermissions.id, grantId));
      });
    },

    /** What the caller may do, as catalog names (for UIs to show or hide actions). */
    effectivePermissions(ctx: RequestContext) {
      const names = Object.keys(permissionCatalog);
      const tenant = names.filter((n) => ctx.permissions.can(n));
      return {
        tenant,
        accounts: ctx.permissions.accountIds.map((accountId) => ({
          accountId,
          permissions: names.filter((n) => ctx.permissions.can(n, accountId)),
        })),
      };
    },
  };
}

export type RbacService = ReturnType<typeof createRbacService>;
