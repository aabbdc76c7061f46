import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { roles, userProfiles, userRoles, users } from '../../db/schema';
import { firstRow } from '../../db/sql';
import type { Tx } from '../../db/tenant-context';

export type UserRow = typeof users.$inferSelect;
export type ProfileRow = typeof userProfiles.$inferSelect;

export interface NewUser {
  email: string;
  displayName: string;
  username?: string | null;
  hashedPassword?: string | null;
  emailVerified?: boolean;
  /** System or custom role names to assign tenant-wide; 'user' is always added. */
  roles?: string[];
  assignedBy?: string | null;
}

/** E-mail addresses are compared case-insensitively: stored lower-case. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Creates a user with profile and roles, in the caller's transaction. Duplicate e-mail
 * or username is refused by the unique indexes (409 EMAIL_TAKEN / USERNAME_TAKEN), also
 * under concurrency.
 */
export async function insertUser(tx: Tx, tenantId: string, input: NewUser): Promise<{ user: UserRow; profile: ProfileRow }> {
  const [user] = await tx
    .insert(users)
    .values({
      tenantId,
      email: normaliseEmail(input.email),
      username: input.username ?? null,
      hashedPassword: input.hashedPassword ?? null,
      emailVerified: input.emailVerified ?? false,
      emailVerifiedAt: input.emailVerified ? new Date() : null,
    })
    .returning();
  const [profile] = await tx.insert(userProfiles).values({ tenantId, userId: user!.id, displayName: input.displayName }).returning();
  await assignRolesByName(tx, tenantId, user!.id, ['user', ...(input.roles ?? [])], input.assignedBy ?? null);
  return { user: user!, profile: profile! };
}

export async function assignRolesByName(tx: Tx, tenantId: string, userId: string, names: string[], assignedBy: string | null): Promise<void> {
  const wanted = [...new Set(names)];
  const found = await tx
    .select({ id: roles.id, name: roles.name })
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), inArray(roles.name, wanted)));
  const missing = wanted.filter((name) => !found.some((r) => r.name === name));
  if (missing.length) throw new AppError('UNKNOWN_ROLE', `No role named ${missing.join(', ')} in this tenant`);
  await tx
    .insert(userRoles)
    .values(found.map((role) => ({ tenantId, userId, roleId: role.id, assignedBy })))
    .onConflictDoNothing();
}

/** A live (not soft-deleted) user by e-mail. */
export async function findUserByEmail(tx: Tx, email: string): Promise<UserRow | undefined> {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.email, normaliseEmail(email)), isNull(users.deletedAt)));
  return user;
}

export async function findUser(tx: Tx, userId: string, options: { includeDeleted?: boolean } = {}): Promise<UserRow | undefined> {
  const [user] = await tx
    .select()
    .from(users)
    .where(options.includeDeleted ? eq(users.id, userId) : and(eq(users.id, userId), isNull(users.deletedAt)));
  return user;
}

export async function findProfile(tx: Tx, userId: string): Promise<ProfileRow | undefined> {
  const [profile] = await tx.select().from(userProfiles).where(eq(userProfiles.userId, userId));
  return profile;
}

/** Revokes the user's sessions, except `keepSessionId` when given. Returns how many. */
export async function revokeSessions(tx: Tx, userId: string, keepSessionId?: string): Promise<number> {
  const result = await firstRow<{ n: number }>(
    tx,
    sql`with revoked as (
          update sessions set revoked_at = now()
           where user_id = ${userId} and revoked_at is null and expires_at > now()
             ${keepSessionId ? sql`and id <> ${keepSessionId}` : sql``}
          returning 1)
        select count(*)::int as n from revoked`,
  );
  return result?.n ?? 0;
}
