import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Database } from '../../db/client';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import { mayManageUser, requireActor } from './policy';
import * as repo from './repository';

/** What the booking module's services are made of. */
export interface SchedulingDeps {
  db: Database;
  /** The clock (tests pin it). */
  now?: () => Date;
}

/**
 * Account-tier routes address records through an account: the record must belong to
 * one of the account's members, or it does not exist as far as that route goes.
 */
export interface AccountScope {
  accountId: string;
}

/**
 * Runs fn in one transaction for a user's own scheduling data (availability, calendar
 * feed): the caller's own (userId omitted) or, for account managers, a member's.
 * Someone the actor may not manage answers 404, like a user that does not exist.
 */
export async function withManagedUser<T>(
  db: Database,
  ctx: RequestContext,
  userId: string | undefined,
  access: 'read' | 'update',
  fn: (tx: TenantTx, userId: string) => Promise<T>,
  scope?: AccountScope,
): Promise<T> {
  const target = userId ?? requireActor(ctx);
  return withTenant(db, ctx, async (tx) => {
    const exists = (await repo.activeUserIds(tx, [target])).has(target);
    const accountIds = exists ? await repo.accountIdsOf(tx, target) : [];
    if (scope && !accountIds.includes(scope.accountId)) throw new AppError('USER_NOT_FOUND');
    if (exists && mayManageUser(ctx, target, accountIds, access)) return fn(tx, target);
    if (exists && target === ctx.actor?.userId)
      throw new AppError('FORBIDDEN', `You may not ${access === 'read' ? 'read' : 'change'} your availability or calendar`);
    throw new AppError('USER_NOT_FOUND');
  });
}
