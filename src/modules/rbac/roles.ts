import { type RequestContext, requireActor } from '../../core/context';
import { changesOf, hasChanges } from '../../core/patch';
import { withTenant } from '../../db/tenant-context';
import type { RoleLevel } from '../access';
import type { RbacDeps } from './deps';
import { assertGrantable, catalogIds, mutableRole, roleOr404 } from './escalation';
import { presentRole } from './presenters';
import {
  addRolePermissions,
  deleteRole as deleteRoleRow,
  insertRole,
  listRolesWithPermissions,
  replaceRolePermissions,
  rolePermissionNames,
  updateRole as updateRoleRow,
} from './repository';

/** Roles of this tenant with their permissions. */
export async function listRoles(deps: RbacDeps, ctx: RequestContext) {
  return withTenant(deps.db, ctx, async (tx) => (await listRolesWithPermissions(tx)).map((role) => presentRole(role, role.permissions ?? [])));
}

export async function getRole(deps: RbacDeps, ctx: RequestContext, roleId: string) {
  return withTenant(deps.db, ctx, async (tx) => {
    const role = await roleOr404(tx, { id: roleId });
    return presentRole(role, await rolePermissionNames(tx, role.id));
  });
}

/** A custom role: only with permissions the caller holds, never above the caller's level. */
export async function createRole(deps: RbacDeps, ctx: RequestContext, input: { name: string; description?: string; level: RoleLevel; permissions: string[] }) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    await assertGrantable(deps, ctx, actor, tx, input.permissions, input.level, null, null);
    const ids = await catalogIds(tx, input.permissions);
    const role = await insertRole(tx, { name: input.name, description: input.description ?? null, level: input.level });
    await addRolePermissions(tx, role.id, [...ids.values()]);
    return presentRole(role, await rolePermissionNames(tx, role.id));
  });
}

/** Renames or describes a custom role. */
export async function updateRole(deps: RbacDeps, ctx: RequestContext, roleId: string, input: { name?: string; description?: string | null }) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const current = await mutableRole(actor, tx, roleId);
    const changes = changesOf(input);
    const role = hasChanges(changes) ? await updateRoleRow(tx, roleId, changes) : current;
    return presentRole(role, await rolePermissionNames(tx, role.id));
  });
}

/** Replaces the role's permissions. Adding needs the permissions; removing needs the level. */
export async function setRolePermissions(deps: RbacDeps, ctx: RequestContext, roleId: string, names: string[]) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const role = await mutableRole(actor, tx, roleId);
    const current = await rolePermissionNames(tx, role.id);
    await assertGrantable(
      deps,
      ctx,
      actor,
      tx,
      names.filter((n) => !current.includes(n)),
      role.level,
      null,
      null,
    );
    const ids = await catalogIds(tx, [...new Set(names)]);
    await replaceRolePermissions(tx, roleId, [...ids.values()]);
    return presentRole(role, await rolePermissionNames(tx, role.id));
  });
}

/** Deletes a custom role and its assignments. */
export async function deleteRole(deps: RbacDeps, ctx: RequestContext, roleId: string): Promise<void> {
  const actor = requireActor(ctx);
  await withTenant(deps.db, ctx, async (tx) => {
    await mutableRole(actor, tx, roleId);
    await deleteRoleRow(tx, roleId);
  });
}
