import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { toPage } from '../../core/pagination';
import { idCursor } from '../../db/keyset';
import { withTenant } from '../../db/tenant-context';
import { normaliseEmail } from '../identity';
import type { AccountsDeps } from './deps';
import { assertCanGrantMembership, joinAccount, membershipEvent } from './membership';
import { presentMember, presentMembership } from './presenters';
import {
  deleteMember,
  findAccount,
  findLiveUserId,
  findMember,
  listMembers as listMemberRows,
  listMemberships,
  type MemberRole,
  updateMemberRole,
} from './repository';
import type { AddMemberInput } from './schemas';

type PageQuery = { limit: number; cursor?: string };

/** The account's members, newest first. */
export async function listMembers(deps: AccountsDeps, ctx: RequestContext, accountId: string, page: PageQuery) {
  return withTenant(deps.db, ctx, async (tx) => {
    if (!(await findAccount(tx, accountId))) throw new AppError('ACCOUNT_NOT_FOUND');
    return toPage(await listMemberRows(tx, accountId, page), page.limit, (m) => idCursor(m.id), presentMember);
  });
}

/**
 * Tenant administrators add a member directly (route /tenant/accounts/{id}/members).
 * Everyone else invites: membership gives an account's managers authority over the
 * member's bookings and calendar, so it needs the person's consent.
 */
export async function addMember(deps: AccountsDeps, ctx: RequestContext, accountId: string, input: AddMemberInput) {
  return withTenant(deps.db, ctx, async (tx) => {
    const by = input.userId ? { userId: input.userId } : { email: normaliseEmail(input.email!) };
    const userId = await findLiveUserId(tx, by, { active: true });
    if (!userId) {
      throw new AppError('UNKNOWN_USER', 'There is no active user like that in this marketplace', {
        errors: [{ path: input.userId ? 'userId' : 'email', message: 'no such user' }],
      });
    }
    await joinAccount(tx, accountId, userId, input.role, ctx.actor?.userId ?? null);
    return presentMember((await findMember(tx, accountId, userId))!);
  });
}

/** Changes a member's role. The last admin cannot be demoted: the database refuses (409 LAST_ADMIN). */
export async function changeMember(deps: AccountsDeps, ctx: RequestContext, accountId: string, userId: string, role: MemberRole) {
  return withTenant(deps.db, ctx, async (tx) => {
    await assertCanGrantMembership(ctx, tx, accountId, role);
    const current = await findMember(tx, accountId, userId);
    if (!current) throw new AppError('MEMBER_NOT_FOUND');
    // Demoting an admin takes the standing of an admin, as removing one does.
    if (current.role === 'admin' && role !== 'admin') await assertCanGrantMembership(ctx, tx, accountId, 'admin');
    if (!(await updateMemberRole(tx, accountId, userId, role))) throw new AppError('MEMBER_NOT_FOUND');
    if (role !== current.role) await membershipEvent(tx, 'membership.updated', ctx.actor?.userId ?? null, { accountId, userId, role });
    return presentMember((await findMember(tx, accountId, userId))!);
  });
}

/** Removes a member; removing an admin other than oneself takes the standing of an admin. Never the last admin (409 LAST_ADMIN). */
export async function removeMember(deps: AccountsDeps, ctx: RequestContext, accountId: string, userId: string): Promise<void> {
  await withTenant(deps.db, ctx, async (tx) => {
    const current = await findMember(tx, accountId, userId);
    if (!current) throw new AppError('MEMBER_NOT_FOUND');
    if (current.role === 'admin' && userId !== ctx.actor?.userId) await assertCanGrantMembership(ctx, tx, accountId, 'admin');
    await deleteMember(tx, accountId, userId);
    await membershipEvent(tx, 'membership.removed', ctx.actor?.userId ?? null, { accountId, userId, role: current.role });
  });
}

/** Leaving is always possible — except for the last admin (409 LAST_ADMIN). */
export async function leaveAccount(deps: AccountsDeps, ctx: RequestContext, accountId: string): Promise<void> {
  const actor = requireActor(ctx);
  await withTenant(deps.db, ctx, async (tx) => {
    const current = await findMember(tx, accountId, actor.userId);
    if (!current || !(await deleteMember(tx, accountId, actor.userId))) throw new AppError('MEMBER_NOT_FOUND');
    await membershipEvent(tx, 'membership.removed', actor.userId, { accountId, userId: actor.userId, role: current.role });
  });
}

/** The live accounts the caller belongs to, with their role, newest membership first. */
export async function myAccounts(deps: AccountsDeps, ctx: RequestContext, page: PageQuery) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) =>
    toPage(await listMemberships(tx, actor.userId, page), page.limit, (m) => idCursor(m.membershipId), presentMembership),
  );
}
