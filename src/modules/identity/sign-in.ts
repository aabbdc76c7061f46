import { secretBox } from '../../config';
import { type RequestContext, requireTenant } from '../../core/context';
import { AppError } from '../../core/errors';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import { issueToken } from '../access';
import type { IdentityDeps } from './deps';
import { noticeIfNewDevice } from './notices';
import { burnPasswordCheck, hashPassword, passwordNeedsRehash, verifyPassword } from './passwords';
import { findProfile, findUserByEmail, normaliseEmail, recordLogin, upgradePasswordHash } from './repository';
import { presentUser } from './schemas';
import { insertSession, revokeSession } from './session-repository';
import { clearFailures, LOGIN_RULES, loginKeys, releaseAttempt, reserveAttempt, reserveDelayedAttempt } from './throttle';
import { hashRecoveryCode, totpStep } from './totp';
import { acceptTotpStep, spendRecoveryCode } from './two-factor-repository';

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'The e-mail address or password is wrong');

/** A new session; the token is answered once, only its hash is stored. */
async function startSession(tx: TenantTx, ctx: RequestContext, userId: string, ttlMs: number, twoFactorPassed: boolean) {
  const { token, hash } = issueToken('mses', tx.tenantId);
  const expiresAt = new Date(Date.now() + ttlMs);
  await insertSession(tx, { userId, tokenHash: hash, expiresAt, ipAddress: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, twoFactorPassed });
  return { token, expiresAt: expiresAt.toISOString() };
}

/**
 * Password sign-in, with the TOTP code (or a recovery code) when two-factor is on.
 * Unknown e-mail and wrong password answer the same 401 after the same work; attempts
 * are limited per e-mail and IP (progressively), per e-mail and per IP (throttle.ts).
 *
 * Three transactions on purpose: every attempt is counted before it is checked, in a
 * transaction of its own that commits even when the attempt fails (so a burst of
 * parallel guesses cannot outrun the limit); the password is checked outside any
 * transaction (argon2 takes tens of milliseconds); success gives the attempt back.
 */
export async function login(deps: IdentityDeps, ctx: RequestContext, input: { email: string; password: string; totp?: string; recoveryCode?: string }) {
  const tenantId = requireTenant(ctx);
  const keys = loginKeys(tenantId, normaliseEmail(input.email), ctx.ip);
  const user = await withTenant(deps.db, ctx, async (tx) => {
    await reserveAttempt(tx, keys.ip, LOGIN_RULES.ip);
    await reserveDelayedAttempt(tx, keys.emailAndIp, LOGIN_RULES.emailAndIp);
    await reserveAttempt(tx, keys.email, LOGIN_RULES.email);
    return findUserByEmail(tx, input.email);
  });
  if (!user?.hashedPassword) {
    await burnPasswordCheck(input.password);
    throw invalidCredentials();
  }
  if (!(await verifyPassword(user.hashedPassword, input.password))) throw invalidCredentials();
  if (user.deactivatedAt) throw new AppError('USER_DEACTIVATED', 'This user is deactivated; contact the administrator');
  let step: number | null = null;
  if (user.twoFactorEnabled) {
    if (!input.totp && !input.recoveryCode) {
      // The password was right: not a guess.
      await withTenant(deps.db, ctx, (tx) => releaseLoginAttempt(tx, keys));
      throw new AppError('TWO_FACTOR_REQUIRED', 'Two-factor authentication is on: send the 6-digit code as "totp" (or a recovery code as "recoveryCode")');
    }
    if (input.totp && (step = totpStep(secretBox(deps.config).open(user.twoFactorSecret!), input.totp)) === null) {
      throw new AppError('INVALID_TWO_FACTOR_CODE', 'The two-factor code is wrong or has expired');
    }
  }
  // An imported hash (bcrypt, scrypt, PBKDF2, older argon2) becomes argon2id now that the password is known.
  const rehashed = passwordNeedsRehash(user.hashedPassword) ? await hashPassword(input.password) : null;
  const result = await withTenant(deps.db, { ...ctx, actor: { userId: user.id, tenantId } }, async (tx) => {
    if (step !== null && !(await acceptTotpStep(tx, user.id, step))) return null;
    if (user.twoFactorEnabled && !input.totp && !(await spendRecoveryCode(tx, user.id, hashRecoveryCode(input.recoveryCode!)))) return null;
    await releaseLoginAttempt(tx, keys);
    if (rehashed) await upgradePasswordHash(tx, user.id, user.hashedPassword!, rehashed);
    const updated = await recordLogin(tx, user.id);
    await noticeIfNewDevice(tx, ctx, user.id);
    const session = await startSession(tx, ctx, user.id, deps.config.sessionTtlMs, user.twoFactorEnabled);
    return { ...session, user: presentUser(updated!, await findProfile(tx, user.id)) };
  });
  if (!result) throw new AppError('INVALID_TWO_FACTOR_CODE', 'The code is wrong or was already used');
  return result;
}

/** The right password is not a guess: its attempt is given back, the address's delay from this IP cleared. */
async function releaseLoginAttempt(tx: TenantTx, keys: ReturnType<typeof loginKeys>): Promise<void> {
  await releaseAttempt(tx, keys.ip);
  await releaseAttempt(tx, keys.email);
  await clearFailures(tx, keys.emailAndIp);
}

/** Revokes the session of the bearer token. */
export async function logout(deps: IdentityDeps, ctx: RequestContext): Promise<void> {
  const sessionId = ctx.actor?.sessionId;
  if (!sessionId) throw new AppError('UNAUTHENTICATED', 'Send the session token to sign out');
  await withTenant(deps.db, ctx, (tx) => revokeSession(tx, sessionId));
}
