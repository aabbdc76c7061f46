import { secretBox } from '../../config';
import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import type { IdentityDeps } from './deps';
import { ownUser } from './me';
import { noticeTwoFactorDisabled } from './notices';
import { checkOwnPassword } from './own-password';
import { findOwnTenant, updateUser } from './repository';
import { markTwoFactorPassed, revokeSessions } from './session-repository';
import { releaseAttempt, reserveAttempt, secondFactorKey } from './throttle';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, otpauthUrl, totpStep } from './totp';
import { acceptTotpStep, deleteRecoveryCodes, replaceRecoveryCodes, spendRecoveryCode } from './two-factor-repository';

/** Two-factor authentication of the signed-in person: enrol, confirm, disable, new recovery codes. */

/** Second-factor guesses (disable 2FA, new recovery codes) per user. */
const SECOND_FACTOR_RULE = { limit: 5, windowSeconds: 15 * 60 };

/** Ten new recovery codes replace the old ones; answered once, stored hashed. */
async function newRecoveryCodesFor(tx: TenantTx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(tx, userId, codes.map(hashRecoveryCode));
  return codes;
}

/**
 * Counts a second-factor guess of the user, in its own transaction before the check
 * (a wrong guess rolls its own transaction back, the count stays). Never call it inside
 * another transaction: PGlite has one connection.
 */
async function countSecondFactorAttempt(deps: IdentityDeps, ctx: RequestContext, userId: string): Promise<void> {
  await withTenant(deps.db, ctx, (tx) => reserveAttempt(tx, secondFactorKey(tx.tenantId, userId), SECOND_FACTOR_RULE));
}

/** The second factor for sensitive changes: a TOTP code not used before, or an unused recovery code. */
async function checkSecondFactor(deps: IdentityDeps, tx: TenantTx, user: { id: string; twoFactorSecret: string | null }, code?: string, recoveryCode?: string) {
  const step = code && user.twoFactorSecret ? totpStep(secretBox(deps.config).open(user.twoFactorSecret), code) : null;
  if (step !== null && (await acceptTotpStep(tx, user.id, step))) return;
  if (recoveryCode && (await spendRecoveryCode(tx, user.id, hashRecoveryCode(recoveryCode)))) return;
  throw new AppError('WRONG_TWO_FACTOR_CODE', 'The two-factor code is wrong or has expired');
}

/** Step 1: a new secret (not active until confirmed with a code from the app). */
export async function enrollTwoFactor(deps: IdentityDeps, ctx: RequestContext) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const user = await ownUser(tx, actor.userId);
    if (user.twoFactorEnabled) {
      throw new AppError('TWO_FACTOR_ALREADY_ENABLED', 'Two-factor authentication is already on; disable it first to enrol a new device');
    }
    const secret = newTotpSecret();
    // Stored sealed (core/secret-box.ts): a copy of the database alone does not give away the second factor.
    await updateUser(tx, actor.userId, { twoFactorSecret: secretBox(deps.config).seal(secret) });
    const tenant = await findOwnTenant(tx);
    return { secret, otpauthUrl: otpauthUrl(secret, user.email, tenant?.name ?? 'Mono') };
  });
}

/** Step 2: the first code proves the app has the secret; recovery codes are shown once; the person's other sessions end. */
export async function confirmTwoFactor(deps: IdentityDeps, ctx: RequestContext, code: string) {
  const actor = requireActor(ctx);
  await countSecondFactorAttempt(deps, ctx, actor.userId);
  return withTenant(deps.db, ctx, async (tx) => {
    const user = await ownUser(tx, actor.userId);
    if (user.twoFactorEnabled) throw new AppError('TWO_FACTOR_ALREADY_ENABLED', 'Two-factor authentication is already on');
    if (!user.twoFactorSecret) throw new AppError('TWO_FACTOR_NOT_ENROLLED', 'Start with POST /api/v1/user/2fa/enroll');
    const step = totpStep(secretBox(deps.config).open(user.twoFactorSecret), code);
    if (step === null || !(await acceptTotpStep(tx, actor.userId, step))) {
      throw new AppError('WRONG_TWO_FACTOR_CODE', 'The code is wrong or has expired');
    }
    await releaseAttempt(tx, secondFactorKey(tx.tenantId, actor.userId)); // the right code is not a guess
    await updateUser(tx, actor.userId, { twoFactorEnabled: true });
    if (actor.sessionId) await markTwoFactorPassed(tx, actor.sessionId);
    // Sessions started with the password alone end: whoever holds one must now sign in with the second factor too.
    const revokedSessions = await revokeSessions(tx, actor.userId, actor.sessionId);
    return { recoveryCodes: await newRecoveryCodesFor(tx, actor.userId), revokedSessions };
  });
}

/**
 * Needs the password and a second factor, so a stolen session alone cannot turn 2FA off.
 * The password is checked outside a transaction (argon2), the guess counted in its own.
 */
export async function disableTwoFactor(deps: IdentityDeps, ctx: RequestContext, input: { password: string; code?: string; recoveryCode?: string }) {
  const actor = requireActor(ctx);
  const user = await withTenant(deps.db, ctx, (tx) => ownUser(tx, actor.userId));
  if (!user.twoFactorEnabled) throw new AppError('TWO_FACTOR_NOT_ENABLED', 'Two-factor authentication is off');
  await checkOwnPassword(deps, ctx, user, input.password, 'password');
  await countSecondFactorAttempt(deps, ctx, actor.userId);
  await withTenant(deps.db, ctx, async (tx) => {
    await checkSecondFactor(deps, tx, user, input.code, input.recoveryCode);
    await updateUser(tx, actor.userId, { twoFactorEnabled: false, twoFactorSecret: null, twoFactorLastStep: null });
    await deleteRecoveryCodes(tx, actor.userId);
    await noticeTwoFactorDisabled(tx, actor.userId);
  });
}

/** New recovery codes for a current TOTP code; the old ones stop working. */
export async function regenerateRecoveryCodes(deps: IdentityDeps, ctx: RequestContext, code: string) {
  const actor = requireActor(ctx);
  await countSecondFactorAttempt(deps, ctx, actor.userId);
  return withTenant(deps.db, ctx, async (tx) => {
    const user = await ownUser(tx, actor.userId);
    if (!user.twoFactorEnabled) throw new AppError('TWO_FACTOR_NOT_ENABLED', 'Two-factor authentication is off');
    await checkSecondFactor(deps, tx, user, code);
    return { recoveryCodes: await newRecoveryCodesFor(tx, actor.userId) };
  });
}
