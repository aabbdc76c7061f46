import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { toPage } from '../../core/pagination';
import { changesOf, hasChanges } from '../../core/patch';
import { beforeIdCursor, idCursor } from '../../db/keyset';
import { sessions, userProfiles, userRecoveryCodes, users } from '../../db/schema';
import { type Tx, withTenant } from '../../db/tenant-context';
import type { AuthDeps } from './auth-service';
import { acceptTotpStep, sendVerificationMail, voidEmailLinks } from './auth-service';
import { assertStrongPassword, hashPassword, verifyPassword } from './passwords';
import { findProfile, findUser, revokeSessions } from './repository';
import { presentProfile, presentUser } from './schemas';
import { reserveAttempt, throttleKey } from './throttle';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, otpauthUrl, totpStep } from './totp';

/** Second-factor guesses (disable 2FA, new recovery codes) per user. */
const SECOND_FACTOR_RULE = { limit: 5, windowSeconds: 15 * 60 };

function actorOf(ctx: RequestContext) {
  if (!ctx.actor || !ctx.tenantId) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.actor;
}

async function me(tx: Tx, userId: string) {
  const user = await findUser(tx, userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return user;
}

/**
 * What a signed-in person does with their own identity: their user record and
 * profile, password, sessions and two-factor authentication.
 */
export function createSelfService(deps: AuthDeps) {
  const { db } = deps;

  async function replaceRecoveryCodes(tx: Tx, tenantId: string, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
    await tx.insert(userRecoveryCodes).values(codes.map((code) => ({ tenantId, userId, codeHash: hashRecoveryCode(code) })));
    return codes;
  }

  /**
   * Counts a second-factor guess of the user, in its own transaction before the check
   * (a wrong guess rolls its own transaction back, the count stays). Never call it inside
   * another transaction: PGlite has one connection.
   */
  async function countSecondFactorAttempt(ctx: RequestContext, userId: string) {
    await withTenant(db, ctx, (tx) => reserveAttempt(tx, throttleKey('second-factor', ctx.tenantId!, userId), SECOND_FACTOR_RULE));
  }

  /** The second factor for sensitive changes: a TOTP code not used before, or an unused recovery code. */
  async function checkSecondFactor(tx: Tx, user: { id: string; twoFactorSecret: string | null }, code?: string, recoveryCode?: string) {
    const step = code && user.twoFactorSecret ? totpStep(user.twoFactorSecret, code) : null;
    if (step !== null && (await acceptTotpStep(tx, user.id, step))) return;
    if (recoveryCode) {
      const [used] = await tx
        .update(userRecoveryCodes)
        .set({ usedAt: sql`now()` as unknown as Date })
        .where(and(eq(userRecoveryCodes.userId, user.id), eq(userRecoveryCodes.codeHash, hashRecoveryCode(recoveryCode)), isNull(userRecoveryCodes.usedAt)))
        .returning({ id: userRecoveryCodes.id });
      if (used) return;
    }
    throw new AppError('WRONG_TWO_FACTOR_CODE', 'The two-factor code is wrong or has expired');
  }

  return {
    async getMe(ctx: RequestContext) {
      const actor = actorOf(ctx);
      return withTenant(db, ctx, async (tx) => {
        const user = await me(tx, actor.userId);
        return presentUser(user, await findProfile(tx, user.id));
      });
    },

    /** A new e-mail address must be verified again (a verification mail goes out). */
    async updateMe(ctx: RequestContext, input: { email?: string; username?: string | null }) {
      const actor = actorOf(ctx);
      return withTenant(db, ctx, async (tx) => {
        const current = await me(tx, actor.userId);
        const emailChanged = input.email !== undefined && input.email !== current.email;
        const changes = changesOf({
          username: input.username,
          ...(emailChanged ? { email: input.email, emailVerified: false, emailVerifiedAt: null } : {}),
        });
        const [user] = hasChanges(changes) ? await tx.update(users).set(changes).where(eq(users.id, actor.userId)).returning() : [current];
        if (emailChanged) {
          await voidEmailLinks(tx, actor.userId);
          await sendVerificationMail(deps, tx, ctx.tenantId!, user!);
        }
        return presentUser(user!, await findProfile(tx, actor.userId));
      });
    },

    async getProfile(ctx: RequestContext) {
      const actor = actorOf(ctx);
      return withTenant(db, ctx, async (tx) => {
        const profile = await findProfile(tx, actor.userId);
        if (!profile) throw new AppError('PROFILE_NOT_FOUND');
        return presentProfile(profile);
      });
    },

    /** Completeness is recomputed by the database on every change. */
    async updateProfile(ctx: RequestContext, input: Partial<Omit<typeof userProfiles.$inferInsert, 'tenantId' | 'id' | 'userId' | 'completeness'>>) {
      const actor = actorOf(ctx);
      return withTenant(db, ctx, async (tx) => {
        const changes = changesOf(input);
        const [profile] = hasChanges(changes)
          ? await tx.update(userProfiles).set(changes).where(eq(userProfiles.userId, actor.userId)).returning()
          : await tx.select().from(userProfiles).where(eq(userProfiles.userId, actor.userId));
        if (!profile) throw new AppError('PROFILE_NOT_FOUND');
        return presentProfile(profile);
      });
    },

    /** Changing the password signs out every other session. */
    async changePassword(ctx: RequestContext, input: { currentPassword: string; newPassword: string }) {
      const actor = actorOf(ctx);
      const user = await withTenant(db, ctx, (tx) => me(tx, actor.userId));
      if (!user.hashedPassword || !(await verifyPassword(user.hashedPassword, input.currentPassword))) {
        throw new AppError('WRONG_PASSWORD', 'The current password is wrong', { errors: [{ path: 'currentPassword', message: 'is wrong' }] });
      }
      assertStrongPassword(input.newPassword, user.email, 'newPassword');
      const hashedPassword = await hashPassword(input.newPassword);
      return withTenant(db, ctx, async (tx) => {
        await tx.update(users).set({ hashedPassword }).where(eq(users.id, actor.userId));
        return { revokedSessions: await revokeSessions(tx, actor.userId, actor.sessionId) };
      });
    },

    async listSessions(ctx: RequestContext, page: { limit: number; cursor?: string }) {
      const actor = actorOf(ctx);
      return withTenant(db, ctx, async (tx) => {
        const rows = await tx
          .select()
          .from(sessions)
          .where(
            and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > now()`, beforeIdCursor(sessions.id, page.cursor)),
          )
          .orderBy(desc(sessions.id))
          .limit(page.limit + 1);
        return toPage(
          rows,
          page.limit,
          (s) => idCursor(s.id),
          (s) => ({
            id: s.id,
            current: s.id === actor.sessionId,
            createdAt: s.createdAt.toISOString(),
            lastUsedAt: s.lastUsedAt.toISOString(),
            expiresAt: s.expiresAt.toISOString(),
            ipAddress: s.ipAddress,
            userAgent: s.userAgent,
            twoFactorPassed: s.twoFactorPassed,
          }),
        );
      });
    },

    async revokeSession(ctx: RequestContext, sessionId: string) {
      const actor = actorOf(ctx);
      await withTenant(db, ctx, async (tx) => {
        const [revoked] = await tx
          .update(sessions)
          .set({ revokedAt: sql`now()` as unknown as Date })
          .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)))
          .returning({ id: sessions.id });
        if (!revoked) throw new AppError('SESSION_NOT_FOUND');
      });
    },

    async revokeOtherSessions(ctx: RequestContext) {
      const actor = actorOf(ctx);
      return withTenant(db, ctx, async (tx) => ({ revokedSessions: await revokeSessions(tx, actor.userId, actor.sessionId) }));
    },

    /** Step 1: a new secret (not active until confirmed with a code from the app). */
    async enrollTwoFactor(ctx: RequestContext) {
      const actor = actorOf(ctx);
      return withTenant(db, ctx, async (tx) => {
        const user = await me(tx, actor.userId);
        if (user.twoFactorEnabled)
          throw new AppError('TWO_FACTOR_ALREADY_ENABLED', 'Two-factor authentication is already on; disable it first to enrol a new device');
        const secret = newTotpSecret();
        await tx.update(users).set({ twoFactorSecret: secret }).where(eq(users.id, actor.userId));
        const [tenant] = await tx.execute(sql`select name from tenants`).then((r) => (r as unknown as { rows: { name: string }[] }).rows);
        return { secret, otpauthUrl: otpauthUrl(secret, user.email, tenant?.name ?? 'Mono') };
      });
    },

    /** Step 2: the first code proves the app has the secret; recovery codes are shown once. */
    async confirmTwoFactor(ctx: RequestContext, code: string) {
      const actor = actorOf(ctx);
      return withTenant(db, ctx, async (tx) => {
        const user = await me(tx, actor.userId);
        if (user.twoFactorEnabled) throw new AppError('TWO_FACTOR_ALREADY_ENABLED', 'Two-factor authentication is already on');
        if (!user.twoFactorSecret) throw new AppError('TWO_FACTOR_NOT_ENROLLED', 'Start with POST /api/v1/user/2fa/enroll');
        const step = totpStep(user.twoFactorSecret, code);
        if (step === null || !(await acceptTotpStep(tx, actor.userId, step))) {
          throw new AppError('WRONG_TWO_FACTOR_CODE', 'The code is wrong or has expired');
        }
        await tx.update(users).set({ twoFactorEnabled: true }).where(eq(users.id, actor.userId));
        if (actor.sessionId) await tx.update(sessions).set({ twoFactorPassed: true }).where(eq(sessions.id, actor.sessionId));
        return { recoveryCodes: await replaceRecoveryCodes(tx, ctx.tenantId!, actor.userId) };
      });
    },

    /** Needs the password and a second factor, so a stolen session alone cannot turn 2FA off. */
    async disableTwoFactor(ctx: RequestContext, input: { password: string; code?: string; recoveryCode?: string }) {
      const actor = actorOf(ctx);
      const user = await withTenant(db, ctx, (tx) => me(tx, actor.userId));
      if (!user.twoFactorEnabled) throw new AppError('TWO_FACTOR_NOT_ENABLED', 'Two-factor authentication is off');
      if (!user.hashedPassword || !(await verifyPassword(user.hashedPassword, input.password))) {
        throw new AppError('WRONG_PASSWORD', 'The password is wrong', { errors: [{ path: 'password', message: 'is wrong' }] });
      }
      await countSecondFactorAttempt(ctx, actor.userId);
      await withTenant(db, ctx, async (tx) => {
        await checkSecondFactor(tx, user, input.code, input.recoveryCode);
        await tx.update(users).set({ twoFactorEnabled: false, twoFactorSecret: null, twoFactorLastStep: null }).where(eq(users.id, actor.userId));
        await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, actor.userId));
      });
    },

    async regenerateRecoveryCodes(ctx: RequestContext, code: string) {
      const actor = actorOf(ctx);
      await countSecondFactorAttempt(ctx, actor.userId);
      return withTenant(db, ctx, async (tx) => {
        const user = await me(tx, actor.userId);
        if (!user.twoFactorEnabled) throw new AppError('TWO_FACTOR_NOT_ENABLED', 'Two-factor authentication is off');
        await checkSecondFactor(tx, user, code);
        return { recoveryCodes: await replaceRecoveryCodes(tx, ctx.tenantId!, actor.userId) };
      });
    },
  };
}

export type SelfService = ReturnType<typeof createSelfService>;
