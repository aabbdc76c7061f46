import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { TenantTx, Tx } from '../../db/tenant-context';
import { levelRank, type RoleLevel } from './catalog';
import { highestRoleRank } from './repository';

const LEVELS = [null, 'USER', 'ACCOUNT', 'TENANT', 'PLATFORM'] as const;

/**
 * The transaction of withTenant, which knows its tenant. Callers may still hold it typed
 * as the plain `Tx` (it is one); a platform transaction has no tenant to rank roles in.
 */
function tenantBound(tx: Tx): TenantTx {
  const tenantId = (tx as Partial<TenantTx>).tenantId;
  if (typeof tenantId !== 'string') throw new Error('role levels are read in a tenant transaction (withTenant)');
  return tx as TenantTx;
}

/** The highest level among the user's unexpired roles (an account admin counts as ACCOUNT). */
export async function levelOf(tx: Tx, userId: string): Promise<RoleLevel | null> {
  return LEVELS[(await highestRoleRank(tenantBound(tx), userId)) ?? 0] ?? null;
}

/**
 * The rule for acting on another person (deactivate, delete, erase, change): never on
 * oneself through the administration routes, never on someone whose role level is above
 * one's own. The system (CLI, jobs: no actor) may act on anyone.
 */
export async function assertMayActOn(ctx: RequestContext, tx: Tx, targetUserId: string): Promise<void> {
  if (!ctx.actor) return;
  if (targetUserId === ctx.actor.userId) throw new AppError('NOT_ON_YOURSELF', 'Use /api/v1/user/… for your own user');
  await assertNotAbove(ctx, tx, targetUserId);
}

/**
 * Taking authority away from someone (a deny, a revoked role or grant) needs at least
 * their level: an account administrator cannot narrow a tenant administrator.
 */
export async function assertNotAbove(ctx: RequestContext, tx: Tx, targetUserId: string): Promise<void> {
  if (!ctx.actor || targetUserId === ctx.actor.userId) return;
  if (levelRank[(await levelOf(tx, targetUserId)) ?? 'USER'] > levelRank[(await levelOf(tx, ctx.actor.userId)) ?? 'USER']) {
    throw new AppError('PRIVILEGE_ESCALATION', 'This user holds a role above yours');
  }
}
