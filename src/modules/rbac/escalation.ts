import type { Actor, RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { TenantTx } from '../../db/tenant-context';
import { assertHoldsAll, assertLevelAtMost, assertScopable, assertTierAllowed, authorityAt, levelOf, type RoleLevel } from '../access';
import type { RbacDeps } from './deps';
import { findRole, permissionIdsByName, type RoleRow, tenantIdentifier } from './repository';

/**
 * The no-escalation rules of every change to roles and grants (access policy): nobody
 * hands out a permission they lack, a role above their own level, a platform
 * permission outside the platform tenant, or a tenant permission scoped to an account.
 */
export async function assertGrantable(
  deps: RbacDeps,
  ctx: RequestContext,
  actor: Actor,
  tx: TenantTx,
  patterns: string[],
  level: RoleLevel | null,
  accountId: string | null | undefined,
  expiresAt: Date | null,
): Promise<void> {
  assertTierAllowed(patterns, (await tenantIdentifier(tx)) === deps.config.platformTenant);
  if (accountId) assertScopable(patterns, level);
  if (level) assertLevelAtMost(await levelOf(tx, actor.userId), level);
  assertHoldsAll(ctx.permissions, patterns, accountId);
  await assertOutlives(tx, actor, patterns, accountId, expiresAt);
}

/**
 * Nothing handed out outlives its granter's own authority: whoever holds a permission
 * only until Friday grants it until Friday at the latest (a role's permissions, and
 * roles themselves, count as granted for good).
 */
async function assertOutlives(tx: TenantTx, actor: Actor, patterns: string[], accountId: string | null | undefined, expiresAt: Date | null): Promise<void> {
  try {
    assertHoldsAll(await authorityAt(tx, actor.userId, expiresAt), patterns, accountId);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError(
      'PRIVILEGE_ESCALATION',
      `Your own authority ends ${expiresAt ? `before ${expiresAt.toISOString()}` : 'at a set time'}: grant it with an expiry no later than yours (${error.message.replace(/^.*: /, '')})`,
    );
  }
}

export async function roleOr404(tx: TenantTx, by: { id: string } | { name: string }): Promise<RoleRow> {
  const role = await findRole(tx, by);
  if (!role) throw new AppError('ROLE_NOT_FOUND');
  return role;
}

/** A custom role the actor may change: 404 ROLE_NOT_FOUND, 409 SYSTEM_ROLE, 403 PRIVILEGE_ESCALATION above their level. */
export async function mutableRole(actor: Actor, tx: TenantTx, roleId: string): Promise<RoleRow> {
  const role = await roleOr404(tx, { id: roleId });
  if (role.type === 'SYSTEM') throw new AppError('SYSTEM_ROLE', 'System roles are defined by the platform and cannot be changed');
  assertLevelAtMost(await levelOf(tx, actor.userId), role.level);
  return role;
}

/** Catalog ids of permission names, or 422 UNKNOWN_PERMISSION naming those not in the catalog. */
export async function catalogIds(tx: TenantTx, names: string[]): Promise<Map<string, string>> {
  const ids = await permissionIdsByName(tx, names);
  const unknown = names.filter((n) => !ids.has(n));
  if (unknown.length) throw new AppError('UNKNOWN_PERMISSION', `Not in the permission catalog: ${unknown.join(', ')}`);
  return ids;
}
