import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { changesOf, hasChanges } from '../../core/patch';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import { assertMayActOn } from '../access';
import type { IdentityDeps } from './deps';
import { findProfile, findUser, setDeactivated, softDeleteUser, type UserRow, updateProfile, updateUser } from './repository';
import { presentUser } from './schemas';
import { revokeSessions } from './session-repository';
import { unlockUser as unlockUserThrottles } from './throttle';
import { deleteUnusedTokens } from './token-repository';

/**
 * Tenant administration of one user: change, deactivate, reactivate, delete. Nobody
 * acts on their own user here, or on someone whose role level is above their own.
 */

/** The live user an administrator acts on: 404 when missing, refused when not theirs to act on. */
async function target(ctx: RequestContext, tx: TenantTx, userId: string): Promise<UserRow> {
  const user = await findUser(tx, userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  await assertMayActOn(ctx, tx, user.id);
  return user;
}

const present = async (tx: TenantTx, user: UserRow) => presentUser(user, await findProfile(tx, user.id));

/** A changed e-mail address is unverified again and voids the links sent to the old one. */
export async function changeUser(
  deps: IdentityDeps,
  ctx: RequestContext,
  userId: string,
  input: { email?: string; username?: string | null; displayName?: string; emailVerified?: boolean },
) {
  return withTenant(deps.db, ctx, async (tx) => {
    const current = await target(ctx, tx, userId);
    const changes = changesOf({
      username: input.username,
      ...(input.email !== undefined && input.email !== current.email ? { email: input.email, emailVerified: false, emailVerifiedAt: null } : {}),
      ...(input.emailVerified !== undefined ? { emailVerified: input.emailVerified, emailVerifiedAt: input.emailVerified ? new Date() : null } : {}),
    });
    const user = hasChanges(changes) ? await updateUser(tx, userId, changes) : current;
    if ('email' in changes) await deleteUnusedTokens(tx, userId);
    if (input.displayName !== undefined) await updateProfile(tx, userId, { displayName: input.displayName });
    return present(tx, user!);
  });
}

/** Deactivation signs the user out everywhere and blocks sign-in; it can be undone. */
export async function deactivateUser(deps: IdentityDeps, ctx: RequestContext, userId: string) {
  return withTenant(deps.db, ctx, async (tx) => {
    await target(ctx, tx, userId);
    const user = await setDeactivated(tx, userId, true);
    await revokeSessions(tx, userId);
    return present(tx, user!);
  });
}

export async function reactivateUser(deps: IdentityDeps, ctx: RequestContext, userId: string) {
  return withTenant(deps.db, ctx, async (tx) => {
    await target(ctx, tx, userId);
    return present(tx, (await setDeactivated(tx, userId, false))!);
  });
}

/** Lifts every sign-in delay and attempt limit of the person (they locked themselves out, or were attacked). */
export async function unlockUser(deps: IdentityDeps, ctx: RequestContext, userId: string) {
  return withTenant(deps.db, ctx, async (tx) => {
    const user = await target(ctx, tx, userId);
    await unlockUserThrottles(tx, tx.tenantId, user);
    return present(tx, user);
  });
}

/** Soft delete: signed out, hidden, and the e-mail address free for a new user. */
export async function deleteUser(deps: IdentityDeps, ctx: RequestContext, userId: string): Promise<void> {
  await withTenant(deps.db, ctx, async (tx) => {
    await target(ctx, tx, userId);
    await softDeleteUser(tx, userId);
    await revokeSessions(tx, userId);
  });
}
