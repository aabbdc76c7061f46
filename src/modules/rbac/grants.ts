import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import { assertHoldsAll, assertLevelAtMost, assertNotAbove, levelOf } from '../access';
import type { RbacDeps } from './deps';
import { assertGrantable, catalogIds, roleOr404 } from './escalation';
import { presentPermissionGrant, presentRoleAssignment } from './presenters';
import {
  deletePermissionGrant,
  deleteRoleAssignment,
  findPermissionGrant,
  findRoleAssignment,
  insertPermissionGrant,
  insertRoleAssignment,
  isLiveUser,
  listPermissionGrants,
  listRoleAssignments,
  rolePermissionNames,
} from './repository';

async function assertUser(tx: TenantTx, userId: string): Promise<void> {
  if (!(await isLiveUser(tx, userId))) throw new AppError('USER_NOT_FOUND');
}

/** A user's roles and direct permission grants/denies. */
export async function listUserGrants(deps: RbacDeps, ctx: RequestContext, userId: string) {
  return withTenant(deps.db, ctx, async (tx) => {
    await assertUser(tx, userId);
    const roles = await listRoleAssignments(tx, userId);
    const permissions = await listPermissionGrants(tx, userId);
    return { roles: roles.map(presentRoleAssignment), permissions: permissions.map(presentPermissionGrant) };
  });
}

/** Assigns a role (tenant-wide or in one account, optionally until a time), within the no-escalation rules. */
export async function assignRole(
  deps: RbacDeps,
  ctx: RequestContext,
  userId: string,
  input: { roleId?: string; role?: string; accountId?: string | null; expiresAt?: string | null },
) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    await assertUser(tx, userId);
    const role = await roleOr404(tx, input.roleId ? { id: input.roleId } : { name: input.role! });
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    await assertGrantable(deps, ctx, actor, tx, await rolePermissionNames(tx, role.id), role.level, input.accountId, expiresAt);
    const assignment = await insertRoleAssignment(tx, {
      userId,
      roleId: role.id,
      accountId: input.accountId ?? null,
      assignedBy: actor.userId,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    });
    return presentRoleAssignment({ ...assignment, role: role.name, level: role.level });
  });
}

/** Taking a role away needs the same standing as giving it. */
export async function revokeRole(deps: RbacDeps, ctx: RequestContext, userId: string, assignmentId: string): Promise<void> {
  const actor = requireActor(ctx);
  await withTenant(deps.db, ctx, async (tx) => {
    const assignment = await findRoleAssignment(tx, userId, assignmentId);
    if (!assignment) throw new AppError('ROLE_ASSIGNMENT_NOT_FOUND');
    const role = await roleOr404(tx, { id: assignment.roleId });
    assertLevelAtMost(await levelOf(tx, actor.userId), role.level);
    await assertNotAbove(ctx, tx, userId);
    await deleteRoleAssignment(tx, assignmentId);
  });
}

/** Grants or explicitly denies one permission (tenant-wide or in one account, optionally until a time). */
export async function grantPermission(
  deps: RbacDeps,
  ctx: RequestContext,
  userId: string,
  input: { permission: string; granted: boolean; accountId?: string | null; expiresAt?: string | null },
) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    await assertUser(tx, userId);
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    // A deny narrows its target: only for someone not above oneself. A grant widens: the granter's own bounds apply.
    if (!input.granted) await assertNotAbove(ctx, tx, userId);
    await assertGrantable(deps, ctx, actor, tx, [input.permission], null, input.accountId, expiresAt);
    const ids = await catalogIds(tx, [input.permission]);
    const grant = await insertPermissionGrant(tx, {
      userId,
      permissionId: ids.get(input.permission)!,
      granted: input.granted,
      accountId: input.accountId ?? null,
      assignedBy: actor.userId,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    });
    return presentPermissionGrant({ ...grant, permission: input.permission });
  });
}

/** Revoking a grant or deny needs the permission itself. */
export async function revokePermission(deps: RbacDeps, ctx: RequestContext, userId: string, grantId: string): Promise<void> {
  await withTenant(deps.db, ctx, async (tx) => {
    const grant = await findPermissionGrant(tx, userId, grantId);
    if (!grant) throw new AppError('GRANT_NOT_FOUND');
    assertHoldsAll(ctx.permissions, [grant.name], grant.accountId);
    await assertNotAbove(ctx, tx, userId);
    await deletePermissionGrant(tx, grantId);
  });
}
