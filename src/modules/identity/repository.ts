import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { beforeIdCursor } from '../../db/keyset';
import { containing } from '../../db/like';
import { roles, tenants, userProfiles, userRoles, users } from '../../db/schema';
import { ofTenant } from '../../db/scope';
import { rows } from '../../db/sql';
import type { TenantTx, Tx } from '../../db/tenant-context';
import type { RoleLevel } from '../access';

/** Users, their profiles and the roles they are given — every statement names the tenant. */

export type UserRow = typeof users.$inferSelect;
export type ProfileRow = typeof userProfiles.$inferSelect;
/** The columns of a user a use case may change. */
export type UserChanges = Partial<
  Pick<UserRow, 'email' | 'username' | 'hashedPassword' | 'emailVerified' | 'emailVerifiedAt' | 'twoFactorEnabled' | 'twoFactorSecret' | 'twoFactorLastStep'>
>;
/** The columns of a profile its owner may change (completeness is the database's). */
export type ProfileChanges = Partial<Omit<typeof userProfiles.$inferInsert, 'tenantId' | 'id' | 'userId' | 'completeness' | 'createdAt' | 'updatedAt'>>;

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
 * Creates a user with profile and roles, in the caller's transaction — also on the
 * platform path (a new tenant's first administrator), so the tenant is named explicitly.
 * Duplicate e-mail or username is refused by the unique indexes (409 EMAIL_TAKEN /
 * USERNAME_TAKEN), also under concurrency.
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

async function assignRolesByName(tx: Tx, tenantId: string, userId: string, names: string[], assignedBy: string | null): Promise<void> {
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

/** The levels of the tenant's roles with these names (those that exist). */
export async function roleLevelsByName(tx: TenantTx, names: string[]): Promise<RoleLevel[]> {
  const found = await rows<{ level: RoleLevel }>(
    tx,
    sql`select level from roles where tenant_id = ${tx.tenantId} and name in (select jsonb_array_elements_text(${JSON.stringify(names)}::jsonb))`,
  );
  return found.map((r) => r.level);
}

/** Every permission name the tenant's roles with these names carry. */
export async function rolePermissionNames(tx: TenantTx, names: string[]): Promise<string[]> {
  const found = await rows<{ name: string }>(
    tx,
    sql`select distinct p.name
          from roles r
          join role_permissions rp on rp.tenant_id = r.tenant_id and rp.role_id = r.id
          join permissions p on p.id = rp.permission_id
         where r.tenant_id = ${tx.tenantId} and rp.tenant_id = ${tx.tenantId}
           and r.name in (select jsonb_array_elements_text(${JSON.stringify(names)}::jsonb))`,
  );
  return found.map((p) => p.name);
}

/** A live (not soft-deleted) user by e-mail. */
export async function findUserByEmail(tx: TenantTx, email: string): Promise<UserRow | undefined> {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(ofTenant(tx, users.tenantId), eq(users.email, normaliseEmail(email)), isNull(users.deletedAt)));
  return user;
}

export async function findUser(tx: TenantTx, userId: string, options: { includeDeleted?: boolean } = {}): Promise<UserRow | undefined> {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(ofTenant(tx, users.tenantId), eq(users.id, userId), options.includeDeleted ? undefined : isNull(users.deletedAt)));
  return user;
}

export interface UserListQuery {
  q?: string;
  status: 'active' | 'deactivated' | 'deleted' | 'all';
  limit: number;
  cursor?: string;
}

/** A page (limit + 1 rows, newest first) of the tenant's users with their display names. */
export async function listUsers(tx: TenantTx, query: UserListQuery): Promise<{ user: UserRow; displayName: string | null }[]> {
  const { status } = query;
  return tx
    .select({ user: users, displayName: userProfiles.displayName })
    .from(users)
    .leftJoin(userProfiles, and(eq(userProfiles.tenantId, users.tenantId), eq(userProfiles.userId, users.id)))
    .where(
      and(
        ofTenant(tx, users.tenantId),
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
}

/** Changes a user; answers the row after the change (undefined when there is no such user). */
export async function updateUser(tx: TenantTx, userId: string, changes: UserChanges): Promise<UserRow | undefined> {
  const [user] = await tx
    .update(users)
    .set(changes)
    .where(and(ofTenant(tx, users.tenantId), eq(users.id, userId)))
    .returning();
  return user;
}

/** The password, and the address counts as verified (a reset link reached its mailbox). */
export async function setPasswordFromReset(tx: TenantTx, userId: string, hashedPassword: string): Promise<void> {
  await tx
    .update(users)
    .set({ hashedPassword, emailVerified: true, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` as unknown as Date })
    .where(and(ofTenant(tx, users.tenantId), eq(users.id, userId)));
}

export async function markEmailVerified(tx: TenantTx, userId: string): Promise<void> {
  await tx
    .update(users)
    .set({ emailVerified: true, emailVerifiedAt: sql`now()` as unknown as Date })
    .where(and(ofTenant(tx, users.tenantId), eq(users.id, userId)));
}

/** Counts a successful sign-in. */
export async function recordLogin(tx: TenantTx, userId: string): Promise<UserRow | undefined> {
  const [user] = await tx
    .update(users)
    .set({ lastLoginAt: sql`now()` as unknown as Date, loginCount: sql`${users.loginCount} + 1` as unknown as number })
    .where(and(ofTenant(tx, users.tenantId), eq(users.id, userId)))
    .returning();
  return user;
}

/**
 * Replaces an imported (legacy) password hash with its argon2id re-hash — only if the
 * stored hash is still the one the password was checked against, so a password changed
 * in the meantime is never overwritten.
 */
export async function upgradePasswordHash(tx: TenantTx, userId: string, checked: string, rehashed: string): Promise<void> {
  await tx
    .update(users)
    .set({ hashedPassword: rehashed })
    .where(and(ofTenant(tx, users.tenantId), eq(users.id, userId), eq(users.hashedPassword, checked)));
}

export async function setDeactivated(tx: TenantTx, userId: string, deactivated: boolean): Promise<UserRow | undefined> {
  const [user] = await tx
    .update(users)
    .set({ deactivatedAt: deactivated ? (sql`coalesce(${users.deactivatedAt}, now())` as unknown as Date) : null })
    .where(and(ofTenant(tx, users.tenantId), eq(users.id, userId)))
    .returning();
  return user;
}

export async function softDeleteUser(tx: TenantTx, userId: string): Promise<void> {
  await tx
    .update(users)
    .set({ deletedAt: sql`now()` as unknown as Date })
    .where(and(ofTenant(tx, users.tenantId), eq(users.id, userId)));
}

export async function findProfile(tx: TenantTx, userId: string): Promise<ProfileRow | undefined> {
  const [profile] = await tx
    .select()
    .from(userProfiles)
    .where(and(ofTenant(tx, userProfiles.tenantId), eq(userProfiles.userId, userId)));
  return profile;
}

/** Changes a profile; answers it after the change (the database recomputes completeness). */
export async function updateProfile(tx: TenantTx, userId: string, changes: ProfileChanges): Promise<ProfileRow | undefined> {
  const [profile] = await tx
    .update(userProfiles)
    .set(changes)
    .where(and(ofTenant(tx, userProfiles.tenantId), eq(userProfiles.userId, userId)))
    .returning();
  return profile;
}

/** The transaction's tenant: its name and settings. */
export async function findOwnTenant(tx: TenantTx): Promise<{ name: string; settings: Record<string, unknown> } | undefined> {
  const [tenant] = await tx.select({ name: tenants.name, settings: tenants.settings }).from(tenants).where(eq(tenants.id, tx.tenantId));
  return tenant;
}
