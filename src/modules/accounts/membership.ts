import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { TenantTx } from '../../db/tenant-context';
import { assertHoldsAll, membershipRole } from '../access';
import { emitEvent } from '../events';
import { takeLimitedSlot } from '../plans';
import { countMembers, findMember, insertMember, type MemberRole, systemRolePermissions } from './repository';

/**
 * Makes a user a member: takes a slot of the account's maxMembers (plans unit: the
 * account row is locked, so parallel joins cannot overshoot the limit; 409
 * MEMBER_LIMIT_REACHED, 404 ACCOUNT_NOT_FOUND), 409 ALREADY_MEMBER for a member.
 */
export async function joinAccount(tx: TenantTx, accountId: string, userId: string, role: MemberRole, invitedBy: string | null): Promise<void> {
  await takeLimitedSlot(tx, accountId, 'maxMembers', (t) => countMembers(t, accountId), {
    check: async () => {
      if (await findMember(tx, accountId, userId)) throw new AppError('ALREADY_MEMBER', 'This user is already a member of the account');
    },
  });
  await insertMember(tx, { accountId, userId, role, invitedBy });
  await membershipEvent(tx, 'membership.added', invitedBy, { accountId, userId, role });
}

/** membership.added / .updated / .removed: who is in which account with which role. */
export function membershipEvent(
  tx: TenantTx,
  type: 'membership.added' | 'membership.updated' | 'membership.removed',
  actorId: string | null,
  membership: { accountId: string; userId: string; role: MemberRole },
): Promise<void> {
  return emitEvent(tx, { type, actorId, resourceType: 'account', resourceId: membership.accountId, payload: membership });
}

/** Giving someone a membership role needs every permission that role carries, in that account (403 PRIVILEGE_ESCALATION). */
export async function assertCanGrantMembership(ctx: RequestContext, tx: TenantTx, accountId: string, role: MemberRole): Promise<void> {
  assertHoldsAll(ctx.permissions, await systemRolePermissions(tx, membershipRole(role)), accountId);
}
