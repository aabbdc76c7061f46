import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { changesOf, hasChanges } from '../../core/patch';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import { emitEvent } from '../events';
import type { IdentityDeps } from './deps';
import { sendLinkMail } from './mails';
import { noticePasswordChanged } from './notices';
import { checkOwnPassword } from './own-password';
import { assertStrongPassword, hashPassword } from './passwords';
import { findProfile, findUser, type ProfileChanges, updateProfile as updateProfileRow, updateUser } from './repository';
import { presentProfile, presentUser } from './schemas';
import { revokeSessions } from './session-repository';
import { deleteUnusedTokens } from './token-repository';

/** What a signed-in person does with their own user record and profile, and their password. */

/** The caller's own user, or 404 (deleted meanwhile). */
export async function ownUser(tx: TenantTx, userId: string) {
  const user = await findUser(tx, userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return user;
}

/** user.updated names what changed, not the values: a person's details stay behind the API's own access rules. */
const userUpdated = (tx: TenantTx, userId: string, changed: string[]) =>
  emitEvent(tx, { type: 'user.updated', actorId: userId, resourceType: 'user', resourceId: userId, payload: { id: userId, changed } });

export async function getMe(deps: IdentityDeps, ctx: RequestContext) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const user = await ownUser(tx, actor.userId);
    return presentUser(user, await findProfile(tx, user.id));
  });
}

/**
 * A new e-mail address must be verified again: a verification mail goes out, and links
 * sent to the old address stop working (they must not verify the new one, nor reset the
 * password from the old mailbox).
 */
export async function updateMe(deps: IdentityDeps, ctx: RequestContext, input: { email?: string; username?: string | null }) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const current = await ownUser(tx, actor.userId);
    const emailChanged = input.email !== undefined && input.email !== current.email;
    const changes = changesOf({
      username: input.username,
      ...(emailChanged ? { email: input.email, emailVerified: false, emailVerifiedAt: null } : {}),
    });
    const user = hasChanges(changes) ? await updateUser(tx, actor.userId, changes) : current;
    if (hasChanges(changes)) await userUpdated(tx, actor.userId, Object.keys(changes));
    if (emailChanged) {
      await deleteUnusedTokens(tx, actor.userId);
      await sendLinkMail(deps, tx, 'verification', user!);
    }
    return presentUser(user!, await findProfile(tx, actor.userId));
  });
}

export async function getProfile(deps: IdentityDeps, ctx: RequestContext) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const profile = await findProfile(tx, actor.userId);
    if (!profile) throw new AppError('PROFILE_NOT_FOUND');
    return presentProfile(profile);
  });
}

/** Completeness is recomputed by the database on every change. */
export async function updateProfile(deps: IdentityDeps, ctx: RequestContext, input: ProfileChanges) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const changes = changesOf(input);
    const profile = hasChanges(changes) ? await updateProfileRow(tx, actor.userId, changes) : await findProfile(tx, actor.userId);
    if (!profile) throw new AppError('PROFILE_NOT_FOUND');
    if (hasChanges(changes))
      await userUpdated(
        tx,
        actor.userId,
        Object.keys(changes).map((field) => `profile.${field}`),
      );
    return presentProfile(profile);
  });
}

/**
 * Changing the password signs out every other session. The current password is checked
 * (throttled) between transactions: argon2 takes tens of milliseconds, no transaction waits for it.
 */
export async function changePassword(deps: IdentityDeps, ctx: RequestContext, input: { currentPassword: string; newPassword: string }) {
  const actor = requireActor(ctx);
  const user = await withTenant(deps.db, ctx, (tx) => ownUser(tx, actor.userId));
  await checkOwnPassword(deps, ctx, user, input.currentPassword, 'currentPassword');
  assertStrongPassword(input.newPassword, user.email, 'newPassword');
  const hashedPassword = await hashPassword(input.newPassword);
  return withTenant(deps.db, ctx, async (tx) => {
    await updateUser(tx, actor.userId, { hashedPassword });
    await noticePasswordChanged(tx, actor.userId);
    return { revokedSessions: await revokeSessions(tx, actor.userId, actor.sessionId) };
  });
}
