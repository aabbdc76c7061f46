import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { toPage } from '../../core/pagination';
import { changesOf, hasChanges } from '../../core/patch';
import { beforeIdCursor, idCursor } from '../../db/keyset';
import { containing } from '../../db/like';
import { userProfiles, users } from '../../db/schema';
import { rows } from '../../db/sql';
import { type Tx, withTenant } from '../../db/tenant-context';
import type { RoleLevel } from '../access';
import { assertHoldsAll, assertLevelAtMost, assertMayActOn, levelOf } from '../access';
import { type AuthDeps, issueOneTimeToken, sendVerificationMail, voidEmailLinks } from './auth-service';
import { assertStrongPassword, hashPassword } from './passwords';
import { findProfile, findUser, insertUser, revokeSessions, type UserRow } from './repository';
import { presentUser } from './schemas';
import { reserveAttempt, throttleKey } from './throttle';

const INVITATION_TTL = '7 days';
const VERIFY_MAIL_RULE = { limit: 3, windowSeconds: 3600 };

/**
 * Tenant administration of users: find them, create or invite them, deactivate,
 * reactivate and delete them. Nobody acts on their own account here, or on someone
 * whose role level is above their own.
 */
export function createUsersService(deps: AuthDeps) {
  const { db } = deps;

  async function target(ctx: RequestContext, tx: Tx, userId: string): Promise<UserRow> {
    const user = await findUser(tx, userId);
    if (!user) throw new AppError('USER_NOT_FOUND');
    await assertMayActOn(ctx, tx, user.id);
    return user;
  }

  async function present(tx: Tx, user: UserRow) {
    return presentUser(user, await findProfile(tx, user.id));
  }

  return {
    async list(ctx: RequestContext, query: { q?: string; status?: 'active' | 'deactivated' | 'deleted' | 'all'; limit: number; cursor?: string }) {
      return withTenant(db, ctx, async (tx) => {
        const status = query.status ?? 'active';
        const found = await tx
          .select({ user: users, displayName: userProfiles.displayName })
          .from(users)
          .leftJoin(userProfiles, and(eq(userProfiles.tenantId, users.tenantId), eq(userProfiles.userId, users.id)))
          .where(
            and(
              status === 'active' ? and(isNull(users.deletedAt), isNull(users.deactivatedAt)) : undefined,
              status === 'deactivated' ? and(isNull(users.deletedAt), sql`${users.deactivatedAt} is not null`) : undefined,
              status === 'deleted' ? sql`${users.deletedAt} is not null` : undefined,
              query.q
                ? sql`(${users.email} ilike ${containing(query.q)} or ${users.username} ilike ${containing(query.q)} or ${userProfiles.displayName} ilike ${containing(query.q)})`
                : undefined,
              beforeIdCursor(users.id, query.cursor),
            ),
          )
          .orderBy(desc(users.id))
          .limit(query.limit + 1);
        return toPage(
          found,
          query.limit,
          (r) => idCursor(r.user.id),
          (r) => presentUser(r.user, { displayName: r.displayName ?? '' }),
        );
      });
    },

    async get(ctx: RequestContext, userId: string) {
      return withTenant(db, ctx, async (tx) => {
        const user = await findUser(tx, userId, { includeDeleted: true });
        if (!user) throw new AppError('USER_NOT_FOUND');
        return present(tx, user);
      });
    },

    /**
     * With a password the user can sign in at once; without one they get an invitation
     * e-mail with a link to choose it. Roles given here follow the escalation rules.
     */
    async create(ctx: RequestContext, input: { email: string; displayName: string; username?: string; password?: string; roles?: string[] }) {
      if (input.password) assertStrongPassword(input.password, input.email);
      const hashedPassword = input.password ? await hashPassword(input.password) : null;
      return withTenant(db, ctx, async (tx) => {
        if (input.roles?.length) {
          const levels = await rows<{ level: RoleLevel }>(
            tx,
            sql`select level from roles where name in (select jsonb_array_elements_text(${JSON.stringify(input.roles)}::jsonb))`,
          );
          const own = await levelOf(tx, ctx.actor!.userId);
          for (const { level } of levels) assertLevelAtMost(own, level);
          const perms = await rows<{ name: string }>(
            tx,
            sql`select distinct p.name from roles r join role_permissions rp on rp.tenant_id = r.tenant_id and rp.role_id = r.id
                  join permissions p on p.id = rp.permission_id where r.name in (select jsonb_array_elements_text(${JSON.stringify(input.roles)}::jsonb))`,
          );
          assertHoldsAll(
            ctx.permissions,
            perms.map((p) => p.name),
          );
        }
        const { user, profile } = await insertUser(tx, ctx.tenantId!, { ...input, hashedPassword, assignedBy: ctx.actor?.userId ?? null });
        if (hashedPassword) {
          await sendVerificationMail(deps, tx, ctx.tenantId!, user);
        } else {
          const token = await issueOneTimeToken(tx, ctx.tenantId!, user.id, 'PASSWORD_RESET', INVITATION_TTL);
          await deps.mailer.send(tx, ctx.tenantId!, {
            to: user.email,
            subject: 'You are invited',
            text: `You have been invited. Choose your password: ${deps.config.publicUrl}/reset-password?token=${token}\nThe link expires in ${INVITATION_TTL}.`,
            template: 'auth.invitation',
            payload: { token },
          });
        }
        return presentUser(user, profile);
      });
    },

    async update(ctx: RequestContext, userId: string, input: { email?: string; username?: string | null; displayName?: string; emailVerified?: boolean }) {
      return withTenant(db, ctx, async (tx) => {
        const current = await target(ctx, tx, userId);
        const changes = changesOf({
          username: input.username,
          ...(input.email !== undefined && input.email !== current.email ? { email: input.email, emailVerified: false, emailVerifiedAt: null } : {}),
          ...(input.emailVerified !== undefined ? { emailVerified: input.emailVerified, emailVerifiedAt: input.emailVerified ? new Date() : null } : {}),
        });
        const [user] = hasChanges(changes) ? await tx.update(users).set(changes).where(eq(users.id, userId)).returning() : [current];
        if ('email' in changes) await voidEmailLinks(tx, userId);
        if (input.displayName !== undefined) await tx.update(userProfiles).set({ displayName: input.displayName }).where(eq(userProfiles.userId, userId));
        return present(tx, user!);
      });
    },

    /** Deactivation signs the user out everywhere and blocks sign-in; it can be undone. */
    async deactivate(ctx: RequestContext, userId: string) {
      return withTenant(db, ctx, async (tx) => {
        await target(ctx, tx, userId);
        const [user] = await tx
          .update(users)
          .set({ deactivatedAt: sql`coalesce(${users.deactivatedAt}, now())` as unknown as Date })
          .where(eq(users.id, userId))
          .returning();
        await revokeSessions(tx, userId);
        return present(tx, user!);
      });
    },

    async reactivate(ctx: RequestContext, userId: string) {
      return withTenant(db, ctx, async (tx) => {
        await target(ctx, tx, userId);
        const [user] = await tx.update(users).set({ deactivatedAt: null }).where(eq(users.id, userId)).returning();
        return present(tx, user!);
      });
    },

    /** Soft delete: signed out, hidden, and the e-mail address free for a new user. */
    async remove(ctx: RequestContext, userId: string) {
      await withTenant(db, ctx, async (tx) => {
        await target(ctx, tx, userId);
        await tx
          .update(users)
          .set({ deletedAt: sql`now()` as unknown as Date })
          .where(eq(users.id, userId));
        await revokeSessions(tx, userId);
      });
    },

    /** Sends a fresh verification link to the caller. */
    async resendVerification(ctx: RequestContext) {
      // Mail goes to an address of the caller's choosing: a few per hour, not a mail cannon.
      await withTenant(db, ctx, (tx) => reserveAttempt(tx, throttleKey('verify-mail', ctx.tenantId!, ctx.actor!.userId), VERIFY_MAIL_RULE));
      await withTenant(db, ctx, async (tx) => {
        const user = await findUser(tx, ctx.actor!.userId);
        if (!user) throw new AppError('USER_NOT_FOUND');
        if (user.emailVerified) throw new AppError('ALREADY_VERIFIED', 'The e-mail address is already verified');
        await sendVerificationMail(deps, tx, ctx.tenantId!, user);
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
