import { sql } from 'drizzle-orm';
import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { firstRow } from '../../db/sql';
import type { Tx } from '../../db/tenant-context';
import { levelRank, type RoleLevel } from './catalog';

/** The highest level among the user's unexpired roles (an account admin counts as ACCOUNT). */
export async function levelOf(tx: Tx, userId: string): Promise<RoleLevel | null> {
  const row = await firstRow<{ rank: number | null }>(
    tx,
    sql`select max(rank) as rank from (
          select case r.level when 'PLATFORM' then 4 when 'TENANT' then 3 when 'ACCOUNT' then 2 else 1 end as rank
            from user_roles ur join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
           where ur.user_id = ${userId} and (ur.expires_at is null or ur.expires_at > now())
          union all
          select 2 from account_users where user_id = ${userId} and role = 'admin') levels`,
  );
  return ([null, 'USER', 'ACCOUNT', 'TENANT', 'PLATFORM'] as const)[row?.rank ?? 0] ?? null;
}

/**
 * The rule for acting on another person (deactivate, delete, erase, change): never on
 * oneself through the administration routes, never on someone whose role level is above
 * one's own. The system (CLI, jobs: no actor) may act on anyone.
 */
export async function assertMayActOn(ctx: RequestContext, tx: Tx, targetUserId: string): Promise<void> {
  if (!ctx.actor) return;
  if (targetUserId === ctx.actor.userId) throw new AppError('NOT_ON_YOURSELF', 'Use /api/v1/user/… for your own user');
  if (levelRank[(await levelOf(tx, targetUserId)) ?? 'USER'] > levelRank[(await levelOf(tx, ctx.actor.userId)) ?? 'USER']) {
    throw new AppError('PRIVILEGE_ESCALATION', 'This user holds a role above yours');
  }
}
