import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Database } from '../../db/client';
import { oneTimeTokens, sessions, tenants, users } from '../../db/schema';
import { firstRow } from '../../db/sql';
import { type Tx, withTenant } from '../../db/tenant-context';
import { hashToken, issueToken, type TokenPrefix, tokenTenant } from '../access';
import type { Mailer } from '../mail';
import { assertStrongPassword, burnPasswordCheck, hashPassword, verifyPassword } from './passwords';
import { findProfile, findUserByEmail, insertUser, normaliseEmail, revokeSessions, type UserRow } from './repository';
import { clearFailures, LOGIN_RULES, recordFailure, releaseAttempt, reserveAttempt, throttleKey } from './throttle';
import { hashRecoveryCode, totpStep } from './totp';

export interface AuthDeps {
  db: Database;
  config: Config;
  mailer: Mailer;
}

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'The e-mail address or password is wrong');
const badToken = () => new AppError('INVALID_TOKEN', 'This link is invalid, was already used or has expired');

const EMAIL_VERIFICATION_TTL = '3 days';
const PASSWORD_RESET_TTL = '1 hour';
/** Password-reset e-mails per address and hour: a reset request must not become a mail bomb. */
const RESET_MAIL_RULE = { limit: 3, windowSeconds: 3600 };

function requireTenant(ctx: RequestContext): string {
  if (!ctx.tenantId) throw new AppError('TENANT_REQUIRED', 'Name the tenant with the X-Tenant header');
  return ctx.tenantId;
}

/**
 * Accepts a TOTP time step for the user unless that step (or a later one) was used
 * already: atomic, so one code cannot open two sessions even in parallel.
 */
export async function acceptTotpStep(tx: Tx, userId: string, step: number): Promise<boolean> {
  const row = await firstRow(
    tx,
    sql`update users set two_factor_last_step = ${step}
         where id = ${userId} and (two_factor_last_step is null or two_factor_last_step < ${step}) returning 1`,
  );
  return Boolean(row);
}

/**
 * Pending e-mail links (verification, password reset) of a user. Voided when the address
 * changes: a link sent to the old address must not verify the new one, nor reset the
 * password from the old mailbox.
 */
export async function voidEmailLinks(tx: Tx, userId: string): Promise<void> {
  await tx.delete(oneTimeTokens).where(and(eq(oneTimeTokens.userId, userId), isNull(oneTimeTokens.usedAt)));
}

/** A new session for a user; the token is returned once and only its hash is stored. */
export async function createSession(
  tx: Tx,
  ctx: RequestContext,
  userId: string,
  ttlMs: number,
  twoFactorPassed: boolean,
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const tenantId = requireTenant(ctx);
  const { token, hash } = issueToken('mses', tenantId);
  const expiresAt = new Date(Date.now() + ttlMs);
  const [session] = await tx
    .insert(sessions)
    .values({ tenantId, userId, tokenHash: hash, expiresAt, ipAddress: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, twoFactorPassed })
    .returning({ id: sessions.id });
  return { token, expiresAt, sessionId: session!.id };
}

/** A single-use e-mail link token (verification, reset) stored hashed. */
export async function issueOneTimeToken(
  tx: Tx,
  tenantId: string,
  userId: string,
  purpose: 'EMAIL_VERIFICATION' | 'PASSWORD_RESET',
  ttl: string,
): Promise<string> {
  const prefix: TokenPrefix = purpose === 'EMAIL_VERIFICATION' ? 'mver' : 'mrst';
  const { token, hash } = issueToken(prefix, tenantId);
  await tx.insert(oneTimeTokens).values({ tenantId, userId, purpose, tokenHash: hash, expiresAt: sql`now() + ${ttl}::interval` as unknown as Date });
  return token;
}

/** Uses up a one-time token atomically: only one of two concurrent uses succeeds. */
async function consumeOneTimeToken(tx: Tx, token: string, purpose: 'EMAIL_VERIFICATION' | 'PASSWORD_RESET'): Promise<string> {
  const used = await firstRow<{ user_id: string }>(
    tx,
    sql`update one_time_tokens set used_at = now()
         where token_hash = ${hashToken(token)} and purpose = ${purpose} and used_at is null and expires_at > now()
        returning user_id`,
  );
  if (!used) throw badToken();
  return used.user_id;
}

export async function sendVerificationMail(deps: AuthDeps, tx: Tx, tenantId: string, user: Pick<UserRow, 'id' | 'email'>): Promise<void> {
  const token = await issueOneTimeToken(tx, tenantId, user.id, 'EMAIL_VERIFICATION', EMAIL_VERIFICATION_TTL);
  await deps.mailer.send(tx, tenantId, {
    to: user.email,
    subject: 'Confirm your e-mail address',
    text: `Confirm your address: ${deps.config.publicUrl}/verify-email?token=${token}\n(or POST it to /api/v1/public/auth/verify-email). The link expires in ${EMAIL_VERIFICATION_TTL}.`,
    template: 'auth.verify-email',
    payload: { token },
  });
}

export function createAuthService(deps: AuthDeps) {
  const { db, config } = deps;

  async function tenantSettings(tx: Tx): Promise<Record<string, unknown>> {
    const [tenant] = await tx.select({ settings: tenants.settings }).from(tenants);
    return tenant?.settings ?? {};
  }

  return {
    /** Self-registration (unless the tenant's settings.registration is "closed"). */
    async register(ctx: RequestContext, input: { email: string; password: string; displayName: string; username?: string }) {
      const tenantId = requireTenant(ctx);
      assertStrongPassword(input.password, input.email);
      const hashedPassword = await hashPassword(input.password);
      return withTenant(db, ctx, async (tx) => {
        if ((await tenantSettings(tx)).registration === 'closed') {
          throw new AppError('REGISTRATION_CLOSED', 'This marketplace does not accept sign-ups; ask an administrator for an invitation');
        }
        const created = await insertUser(tx, tenantId, { ...input, hashedPassword });
        await sendVerificationMail(deps, tx, tenantId, created.user);
        return created;
      });
    },

    /**
     * Password sign-in, with the TOTP code (or a recovery code) when two-factor is on.
     * Unknown e-mail and wrong password answer the same 401 after the same work;
     * failures are counted per tenant+e-mail and per IP (429 with Retry-After past the limit).
     */
    async login(ctx: RequestContext, input: { email: string; password: string; totp?: string; recoveryCode?: string }) {
      const tenantId = requireTenant(ctx);
      const emailKey = throttleKey('login-email', tenantId, normaliseEmail(input.email));
      const ipKey = throttleKey('login-ip', ctx.ip ?? 'unknown');
      // Every attempt is counted before it is checked (committed in its own transaction),
      // so a burst of parallel guesses cannot outrun the limit; success gives it back.
      const user = await withTenant(db, ctx, async (tx) => {
        await reserveAttempt(tx, ipKey, LOGIN_RULES.ip);
        await reserveAttempt(tx, emailKey, LOGIN_RULES.email);
        return findUserByEmail(tx, input.email);
      });
      const giveBack = () => withTenant(db, ctx, (tx) => releaseAttempt(tx, ipKey).then(() => releaseAttempt(tx, emailKey)));
      if (!user?.hashedPassword) {
        await burnPasswordCheck(input.password);
        throw invalidCredentials();
      }
      if (!(await verifyPassword(user.hashedPassword, input.password))) throw invalidCredentials();
      if (user.deactivatedAt) throw new AppError('USER_DEACTIVATED', 'This user is deactivated; contact the administrator');
      let step: number | null = null;
      if (user.twoFactorEnabled) {
        if (!input.totp && !input.recoveryCode) {
          await giveBack(); // the password was right: not a guess
          throw new AppError('TWO_FACTOR_REQUIRED', 'Two-factor authentication is on: send the 6-digit code as "totp" (or a recovery code as "recoveryCode")');
        }
        if (input.totp && (step = totpStep(user.twoFactorSecret!, input.totp)) === null) {
          throw new AppError('INVALID_TWO_FACTOR_CODE', 'The two-factor code is wrong or has expired');
        }
      }
      const result = await withTenant(db, { ...ctx, actor: { userId: user.id, tenantId } }, async (tx) => {
        if (step !== null && !(await acceptTotpStep(tx, user.id, step))) return null;
        if (user.twoFactorEnabled && !input.totp) {
          const used = await firstRow(
            tx,
            sql`update user_recovery_codes set used_at = now()
                 where user_id = ${user.id} and code_hash = ${hashRecoveryCode(input.recoveryCode!)} and used_at is null returning id`,
          );
          if (!used) return null;
        }
        await releaseAttempt(tx, ipKey);
        await clearFailures(tx, emailKey);
        const [updated] = await tx
          .update(users)
          .set({ lastLoginAt: sql`now()` as unknown as Date, loginCount: sql`${users.loginCount} + 1` as unknown as number })
          .where(eq(users.id, user.id))
          .returning();
        const session = await createSession(tx, ctx, user.id, config.sessionTtlMs, user.twoFactorEnabled);
        return { ...session, user: updated!, profile: await findProfile(tx, user.id) };
      });
      if (!result) throw new AppError('INVALID_TWO_FACTOR_CODE', 'The code is wrong or was already used');
      return result;
    },

    async logout(ctx: RequestContext): Promise<void> {
      if (!ctx.actor?.sessionId) throw new AppError('UNAUTHENTICATED', 'Send the session token to sign out');
      await withTenant(db, ctx, (tx) =>
        tx
          .update(sessions)
          .set({ revokedAt: sql`now()` as unknown as Date })
          .where(and(eq(sessions.id, ctx.actor!.sessionId!), isNull(sessions.revokedAt))),
      );
    },

    /** The link from the verification e-mail. The token names its tenant. */
    async verifyEmail(ctx: RequestContext, token: string): Promise<void> {
      const tenantId = tokenTenant(token, 'mver');
      if (!tenantId || (ctx.tenantId && ctx.tenantId !== tenantId)) throw badToken();
      await withTenant(db, { ...ctx, tenantId }, async (tx) => {
        const userId = await consumeOneTimeToken(tx, token, 'EMAIL_VERIFICATION');
        await tx
          .update(users)
          .set({ emailVerified: true, emailVerifiedAt: sql`now()` as unknown as Date })
          .where(eq(users.id, userId));
      });
    },

    /** Always the same answer, whether or not the address exists. */
    async requestPasswordReset(ctx: RequestContext, email: string): Promise<void> {
      const tenantId = requireTenant(ctx);
      const key = throttleKey('reset-mail', tenantId, normaliseEmail(email));
      await withTenant(db, ctx, async (tx) => {
        const user = await findUserByEmail(tx, email);
        if (!user || user.deactivatedAt) return;
        const recent = await firstRow(tx, sql`select 1 from auth_throttles where key = ${key} and locked_until > now()`);
        if (recent) return; // silently: the person already has a fresh link in their inbox
        await recordFailure(tx, key, RESET_MAIL_RULE);
        const token = await issueOneTimeToken(tx, tenantId, user.id, 'PASSWORD_RESET', PASSWORD_RESET_TTL);
        await deps.mailer.send(tx, tenantId, {
          to: user.email,
          subject: 'Reset your password',
          text: `Choose a new password: ${config.publicUrl}/reset-password?token=${token}\nThe link expires in ${PASSWORD_RESET_TTL}. If you did not ask for it, ignore this message.`,
          template: 'auth.password-reset',
          payload: { token },
        });
      });
    },

    /** Sets the new password, signs out every session, and counts as e-mail verification. */
    async confirmPasswordReset(ctx: RequestContext, token: string, newPassword: string): Promise<void> {
      const tenantId = tokenTenant(token, 'mrst');
      if (!tenantId || (ctx.tenantId && ctx.tenantId !== tenantId)) throw badToken();
      const hashedPassword = await hashPassword(newPassword);
      await withTenant(db, { ...ctx, tenantId }, async (tx) => {
        const userId = await consumeOneTimeToken(tx, token, 'PASSWORD_RESET');
        const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
        assertStrongPassword(newPassword, user?.email);
        await tx
          .update(users)
          .set({ hashedPassword, emailVerified: true, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` as unknown as Date })
          .where(eq(users.id, userId));
        await revokeSessions(tx, userId);
        await tx
          .delete(oneTimeTokens)
          .where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, 'PASSWORD_RESET'), gt(oneTimeTokens.expiresAt, sql`now()`)));
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
